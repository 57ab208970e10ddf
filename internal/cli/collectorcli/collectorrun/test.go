package collectorrun

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/otelcfg/otelcfg/internal/cli"
	"github.com/otelcfg/otelcfg/internal/cli/collectorcli"
	"github.com/otelcfg/otelcfg/internal/simulate/simtest"
)

// testFiles expands directories into their *.yaml, *.yml and *.cue files.
func testFiles(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".cue")) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("%s: no *.yaml, *.yml or *.cue test files", a)
		}
		sort.Strings(found)
		files = append(files, found...)
	}
	return files, nil
}

func runTests(cmd *cobra.Command, opts *collectorcli.TestOptions) error {
	files, err := testFiles(opts.Paths)
	if err != nil {
		return err
	}
	var tests []*simtest.Case
	var bad []error
	for _, f := range files {
		tcs, err := simtest.Load(f)
		if err != nil {
			bad = append(bad, err)
			continue
		}
		tests = append(tests, tcs...)
	}
	if len(bad) > 0 {
		for _, err := range bad {
			fmt.Fprintf(opts.IO.ErrOut, "%v\n", err)
		}
		return cli.Exit(cli.ExitUsage, nil)
	}
	if only := opts.Run; only != nil {
		var kept []*simtest.Case
		for _, tc := range tests {
			if only.MatchString(tc.Name) {
				kept = append(kept, tc)
			}
		}
		if len(kept) == 0 {
			return fmt.Errorf("--run %q matches none of the %d tests", only, len(tests))
		}
		tests = kept
	}
	var results []*simtest.Result
	for _, tc := range tests {
		results = append(results, simtest.Run(cmd.Context(), tc))
	}
	simtest.Sort(results)
	var w io.Writer = opts.IO.Out
	if opts.Output != "" {
		f, err := os.Create(opts.Output)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch opts.Format {
	case "json":
		err = simtest.WriteJSON(w, results)
	case "junit":
		err = simtest.WriteJUnit(w, results)
	default:
		err = simtest.WriteText(w, results)
	}
	if err != nil {
		return err
	}
	code := cli.ExitOK
	for _, r := range results {
		if r.BadTest {
			code = cli.ExitUsage
		} else if !r.Passed && code == cli.ExitOK {
			code = cli.ExitFailed
		}
	}
	if code != cli.ExitOK {
		return cli.Exit(code, nil)
	}
	return nil
}
