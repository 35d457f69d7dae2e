package basics

import "context"

func helperInOtherFile(ctx context.Context, jobs chan int) {
	blockingHelper(jobs)
}

func blockingHelper(jobs chan int) {
	<-jobs
}
