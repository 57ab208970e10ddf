package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Input is one input read whole: a file, or standard input ("-").
type Input struct {
	Name string // the path as the user gave it; "-" for standard input
	Data []byte
}

// Limits bound what one input may cost, so hostile input (alias bombs, deep
// nesting, huge files) ends in a clear error instead of a hang.
type Limits struct {
	MaxBytes int64 // largest input
	// MaxNodes bounds the nodes of one document after alias expansion; 0
	// means the default, which grows with MaxBytes (so raising the size
	// limit lets a larger file through whole).
	MaxNodes int
	MaxDepth int // nesting depth
}

// DefaultLimits are generous for real collector configs (a few hundred KiB)
// and stop pathological input early.
var DefaultLimits = Limits{MaxBytes: 8 << 20, MaxNodes: 500_000, MaxDepth: 200}

// bytesPerNode is the fewest bytes an honest YAML node takes on average
// ("- a\n" is four); MaxNodes defaults to MaxBytes divided by it.
const bytesPerNode = 16

// withDefaults returns l with every unset (zero) field filled in, so that
// setting one limit does not zero the others.
func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultLimits.MaxBytes
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = max(DefaultLimits.MaxNodes, int(l.MaxBytes/bytesPerNode))
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	return l
}

// InputError is a problem with an input as a whole (unreadable, not text).
// Callers report it and stop: it is not a finding.
type InputError struct {
	Path string
	Err  error
}

func (e *InputError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// LimitKind names the limit an input went over.
type LimitKind string

const (
	LimitSize  LimitKind = "size"  // Limits.MaxBytes
	LimitNodes LimitKind = "nodes" // Limits.MaxNodes
	LimitDepth LimitKind = "depth" // Limits.MaxDepth
)

// LimitError says an input is over one of the Limits. It is not a fault in
// the file: the input was not read (further), and the caller says how to
// raise the limit (Kind tells which).
type LimitError struct {
	Path  string
	Pos   Pos // where the limit was reached; zero for LimitSize
	Kind  LimitKind
	Limit int64
}

func (e *LimitError) Error() string {
	at := e.Path
	if e.Pos.Line > 0 {
		at = e.Pos.String()
	}
	switch e.Kind {
	case LimitSize:
		return fmt.Sprintf("%s: larger than %s: not read (a collector config is rarely over 1 MiB)", at, byteSize(e.Limit))
	case LimitNodes:
		return fmt.Sprintf("%s: more than %d YAML nodes (after alias expansion): not read further (a YAML alias bomb, or a very large file)", at, e.Limit)
	}
	return fmt.Sprintf("%s: nested deeper than %d levels: not read further", at, e.Limit)
}

// byteSize prints a limit in MiB, or in bytes when it is smaller than 1 MiB
// (which would otherwise print as "0 MiB").
func byteSize(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadInput reads the input named path whole: "-" reads stdin. It is the
// one place otelcfg reads an input, so every command has the same size
// limit and the same messages. Errors are *InputError or *LimitError.
func ReadInput(path string, stdin io.Reader, lim Limits) (Input, error) {
	lim = lim.withDefaults()
	var r io.Reader
	if path == "-" {
		if stdin == nil {
			return Input{}, &InputError{Path: path, Err: errors.New("standard input is not available")}
		}
		r = stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return Input{}, &InputError{Path: path, Err: unwrapPathError(err)}
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return Input{}, &InputError{Path: path, Err: errors.New("is a directory")}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return Input{}, &InputError{Path: path, Err: unwrapPathError(err)}
	}
	if int64(len(data)) > lim.MaxBytes {
		return Input{}, &LimitError{Path: path, Kind: LimitSize, Limit: lim.MaxBytes}
	}
	return Input{Name: path, Data: data}, nil
}

// ReadInputs expands args (files, directories, globs, "-"; see ExpandPaths)
// and reads each input, keeping those keep says to (nil keeps all).
func ReadInputs(args []string, stdin io.Reader, lim Limits, keep func(path string) bool) ([]Input, error) {
	paths, err := ExpandPaths(args)
	if err != nil {
		return nil, err
	}
	var out []Input
	for _, p := range paths {
		if keep != nil && !keep(p) {
			continue
		}
		in, err := ReadInput(p, stdin, lim)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
