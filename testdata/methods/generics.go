package methods

import "context"

type Set[T comparable] struct {
	items map[T]bool
	out   chan T
}

func (s *Set[T]) publish(ctx context.Context, v T) {
	s.out <- v
}

func (s *Set[T]) publishOrQuit(ctx context.Context, v T) {
	select {
	case s.out <- v:
	case <-ctx.Done():
	}
}

func Produce[T any](ctx context.Context, out chan T, v T) {
	out <- v
}

func ProduceSafe[T any](ctx context.Context, out chan T, v T) {
	select {
	case out <- v:
	case <-ctx.Done():
	}
}

func StartGenerics(ctx context.Context, s *Set[int], ch chan int) {
	go s.publish(ctx, 1) // want ctx-done-missing `Set.publish`
	go s.publishOrQuit(ctx, 1)
	go Produce[int](ctx, ch, 1) // want ctx-done-missing `Produce`
	go Produce(ctx, ch, 1)      // want ctx-done-missing `Produce`
	go ProduceSafe[int](ctx, ch, 1)
	go ProduceSafe(ctx, ch, 1)
}
