package recording

import (
	"errors"
	"io"
	"runtime"
	"sync"
)

// Each decodes the recording's requests on workers goroutines (GOMAXPROCS
// when workers < 1) and calls fn with each batch in recording order, on
// the caller's goroutine. It stops at the first error, from the recording
// or from fn, and returns it; batches before it have been given to fn.
//
// Reading is sequential and cheap (finding where each request ends);
// decoding is most of the cost of a replay from JSON, so it runs in
// parallel. At most three requests per worker are held at once.
func (r *Recording) Each(workers int, fn func(Batch) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type pending struct {
		q     request
		b     Batch
		err   error
		ready chan struct{}
	}
	var (
		jobs  = make(chan *pending, workers)
		order = make(chan *pending, 2*workers)
		stop  = make(chan struct{})
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() { // the reader: requests in order, to the workers and to fn
		defer wg.Done()
		defer close(order)
		defer close(jobs)
		for {
			q, err := r.next()
			p := &pending{q: q, ready: make(chan struct{})}
			if err != nil {
				if errors.Is(err, io.EOF) {
					return
				}
				p.err = err
				close(p.ready)
			}
			select {
			case order <- p:
			case <-stop:
				return
			}
			if p.err != nil {
				return
			}
			select {
			case jobs <- p:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				p.b, p.err = r.decode(p.q)
				p.q.data = nil
				close(p.ready)
			}
		}()
	}
	var err error
	for p := range order {
		<-p.ready
		if err = p.err; err == nil {
			err = fn(p.b)
		}
		if err != nil {
			break
		}
	}
	close(stop)
	// Let the reader and the workers finish what they hold.
	go func() {
		for range order {
		}
	}()
	if err != nil {
		// The reader may be blocked reading a pipe that stays open: Close
		// unblocks it and then waits.
		r.pending = &wg
		return err
	}
	wg.Wait()
	return nil
}
