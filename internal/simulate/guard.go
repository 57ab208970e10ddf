package simulate

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// A component that panics fails its stage: the panic is recovered where
// the replay hands the component data (on whatever goroutine hands it:
// batch, tail_sampling and span_metrics hand data on from their own), the
// batch is refused, and the replay goes on and ends in failure (exit 1),
// naming the component and the panic. A mutating component handed shared
// read-only data would panic where the replay cannot recover (in batch's
// goroutine): that is a failure too, found before the data is handed over.

// ComponentFailure is a component that failed during a replay.
type ComponentFailure struct {
	// Component is "processor ID", "connector ID" or "exporter ID".
	Component string `json:"component"`
	// Pipeline is the pipeline of a processor.
	Pipeline string `json:"pipeline,omitempty"`
	// Error is the first failure's message.
	Error string `json:"error"`
	// Batches is how many batches failed.
	Batches int `json:"batches"`
}

func (f *ComponentFailure) String() string {
	where := f.Component
	if f.Pipeline != "" {
		where += " in pipeline " + f.Pipeline
	}
	more := ""
	if f.Batches > 1 {
		more = fmt.Sprintf(" (and %d more batches)", f.Batches-1)
	}
	return fmt.Sprintf("%s: %s%s", where, f.Error, more)
}

// failures collects Failures; guarded flows run on several goroutines.
type failures struct {
	mu sync.Mutex
	by map[string]*ComponentFailure
}

func (fs *failures) add(component, pipeline, msg string) *ComponentFailure {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.by == nil {
		fs.by = map[string]*ComponentFailure{}
	}
	key := component + "\x00" + pipeline
	f := fs.by[key]
	if f == nil {
		f = &ComponentFailure{Component: component, Pipeline: pipeline, Error: msg}
		fs.by[key] = f
	}
	f.Batches++
	return f
}

// list returns the failures sorted by component and pipeline.
func (fs *failures) list() []*ComponentFailure {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]*ComponentFailure, 0, len(fs.by))
	for _, f := range fs.by {
		c := *f
		out = append(out, &c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Component != out[j].Component {
			return out[i].Component < out[j].Component
		}
		return out[i].Pipeline < out[j].Pipeline
	})
	return out
}

// guard hands data to a component (component "processor ID" of pipeline,
// "connector ID", "exporter ID") through next: a panic is recovered and
// recorded as the component's failure, and so is shared data handed to a
// component that mutates (with the collector's fan-out it never is).
func (fs *failures) guard(component, pipeline string, mutating bool, next flow) flow {
	return func(ctx context.Context, d any) (err error) {
		if mutating && readOnly(d) {
			f := fs.add(component, pipeline, "was handed shared read-only data although it mutates data (a fan-out error)")
			return fmt.Errorf("%s: %s", component, f.Error)
		}
		defer func() {
			if r := recover(); r != nil {
				msg := fmt.Sprintf("panic: %v", r)
				fs.add(component, pipeline, msg)
				err = fmt.Errorf("%s: %s", component, msg)
			}
		}()
		return next(ctx, d)
	}
}

// recovered runs f, turning a panic into a failure of component.
func (fs *failures) recovered(component string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			msg := fmt.Sprintf("panic: %v", r)
			fs.add(component, "", msg)
			err = fmt.Errorf("%s: %s", component, msg)
		}
	}()
	return f()
}
