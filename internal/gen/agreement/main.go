// Command agreement writes the upstream agreement corpus
// (testdata/agreement/upstream): every testdata config that the config tests
// of a compiled-in component module load, wrapped into a full collector
// config. Module contents come from the module cache, pinned by go.sum.
//
//	go run ./internal/gen/agreement                       # write the configs
//	go run ./internal/gen/agreement -verdicts BIN         # record BIN's verdicts
//
// The second form runs a reference collector (testdata/agreement/README.md)
// on every config and is never run in CI.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	out := flag.String("dir", "testdata/agreement/upstream", "corpus directory")
	bin := flag.String("verdicts", "", "reference collector binary: record its verdicts instead of writing configs")
	table := flag.String("table", "", "verdict table to write (default DIR/verdicts.tsv)")
	skip := flag.String("skip", "", "subdirectory of DIR to leave out of the verdict run")
	start := flag.Duration("start", 2*time.Second, "how long a valid all-nop processor/connector config must run to count as started (0: no start check)")
	netns := flag.Bool("netns", true, "run the collector in a new network namespace (unshare -n)")
	runs := flag.Int("runs", 3, "validate runs per invalid config, to find messages that vary")
	flag.Parse()
	ctx := context.Background()
	var err error
	if *bin == "" {
		err = generate(*out)
	} else {
		if *table == "" {
			*table = *out + "/verdicts.tsv"
		}
		err = verdicts(ctx, verdictOptions{dir: *out, bin: *bin, table: *table, skip: *skip, start: *start, netns: *netns, runs: *runs})
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen/agreement:", err)
		os.Exit(1)
	}
}
