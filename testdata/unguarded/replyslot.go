// A worker hands out a fresh one-slot reply channel per request and sends into it once: the send always finds the
// slot. Beside it, a worker that may send a second reply into the same slot.
package unguarded

import "context"

type rsEnvelope struct{ n int }

func rsNext(ctx context.Context) (*rsEnvelope, error) { return &rsEnvelope{}, ctx.Err() }

func rsWorker(ctx context.Context, outbox chan<- chan *rsEnvelope) {
	for {
		reply := make(chan *rsEnvelope, 1)
		select {
		case <-ctx.Done():
			return
		case outbox <- reply:
		}
		env, err := rsNext(ctx)
		if err != nil {
			close(reply)
			return
		}
		reply <- env
		close(reply)
	}
}

func StartReplyWorker(ctx context.Context, outbox chan<- chan *rsEnvelope) {
	go rsWorker(ctx, outbox)
}

func rsWorkerTwice(ctx context.Context, outbox chan<- chan *rsEnvelope) {
	for {
		reply := make(chan *rsEnvelope, 1)
		select {
		case <-ctx.Done():
			return
		case outbox <- reply:
		}
		env, err := rsNext(ctx)
		if err != nil {
			close(reply)
			return
		}
		reply <- env
		if env.n > 1 {
			reply <- env // want ctx-unguarded-block `.reply <- env. can block forever`
		}
		close(reply)
	}
}

func StartReplyWorkerTwice(ctx context.Context, outbox chan<- chan *rsEnvelope) {
	go rsWorkerTwice(ctx, outbox)
}
