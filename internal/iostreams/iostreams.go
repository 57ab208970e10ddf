// Package iostreams bundles a command's input and output streams with
// terminal facts, so commands can be run against buffers in tests.
package iostreams

import (
	"bytes"
	"io"
	"os"
)

// IOStreams are the streams a command reads and writes.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// StdoutTTY is set when Out is a terminal.
	StdoutTTY bool
}

// System returns the process's streams.
func System() *IOStreams {
	tty := false
	if st, err := os.Stdout.Stat(); err == nil {
		tty = st.Mode()&os.ModeCharDevice != 0
	}
	return &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, StdoutTTY: tty}
}

// Test returns streams backed by buffers, with no TTY.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// ColorEnabled reports whether coloured output suits Out: a terminal, and
// NO_COLOR unset or empty (https://no-color.org: "when present and not an
// empty string").
func (s *IOStreams) ColorEnabled() bool {
	return s.StdoutTTY && os.Getenv("NO_COLOR") == ""
}
