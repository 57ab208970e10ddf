// Package inprocess runs the exact engine inside the calling process: the
// runner tests use (rule tests, the light side's own tests) instead of
// starting the check program. It links the collector's components, so
// only tests and the check program may import it.
package inprocess

import (
	"bytes"
	"context"
	"sync"

	"github.com/otelcfg/otelcfg/internal/exact"
	"github.com/otelcfg/otelcfg/internal/exact/coreset"
	"github.com/otelcfg/otelcfg/internal/exact/engine"
	"go.opentelemetry.io/collector/otelcol"
)

var (
	once    sync.Once
	eng     *engine.Engine
	initErr error
)

// Runner returns a runner over the engine with the core component set.
func Runner() exact.Runner {
	return exact.RunnerFunc(func(ctx context.Context, req *exact.Request) (*exact.Response, error) {
		once.Do(func() {
			f, ferr := coreset.Factories()
			if ferr != nil {
				initErr = ferr
				return
			}
			eng = engine.New(f, engine.Options{Name: "in-process engine", Collector: coreset.Release})
		})
		if initErr != nil {
			return nil, initErr
		}
		sent, err := roundTrip(req)
		if err != nil {
			return nil, err
		}
		return eng.Run(ctx, sent)
	})
}

// Engine returns a runner over an engine with factories f (e.g. the full
// compiled-in set of package components, for the agreement test).
func Engine(f otelcol.Factories, release string, processState map[string]func()) exact.Runner {
	e := engine.New(f, engine.Options{Name: "in-process engine", Collector: release, ProcessState: processState})
	return exact.RunnerFunc(func(ctx context.Context, req *exact.Request) (*exact.Response, error) {
		sent, err := roundTrip(req)
		if err != nil {
			return nil, err
		}
		return e.Run(ctx, sent)
	})
}

// Cold returns a runner over an engine with the core component set that
// remembers nothing across configs (engine.Options.NoMemo): every check
// runs every stage, as the first config of a lint run does.
func Cold() (exact.Runner, error) {
	f, err := coreset.Factories()
	if err != nil {
		return nil, err
	}
	e := engine.New(f, engine.Options{Name: "in-process engine", Collector: coreset.Release, NoMemo: true})
	return exact.RunnerFunc(func(ctx context.Context, req *exact.Request) (*exact.Response, error) {
		sent, err := roundTrip(req)
		if err != nil {
			return nil, err
		}
		return e.Run(ctx, sent)
	}), nil
}

// roundTrip sends req through its JSON form, as the check program gets
// it, so that tests see exactly what the program sees (numbers typed by
// exact.ReadRequest, for one).
func roundTrip(req *exact.Request) (*exact.Request, error) {
	var buf bytes.Buffer
	if err := exact.WriteJSON(&buf, req); err != nil {
		return nil, err
	}
	return exact.ReadRequest(&buf)
}
