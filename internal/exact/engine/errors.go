package engine

import (
	"errors"
	"io/fs"
	"net"
	"strings"

	"github.com/otelcfg/otelcfg/internal/exact"
)

// mapstructureHeader starts a mapstructure error that holds several.
const mapstructureHeader = "decoding failed due to the following error(s):\n\n"

// leaves splits an error into the single errors it joins, each on one
// line and keeping the text that wraps it: confmap.Validate and
// mapstructure join every error they find, and a wrapper's prefix ("'protocols'
// ", "retry_on_failure: ") says where each one is. mapstructure's header
// ("decoding failed due to the following error(s):") is dropped.
func leaves(err error) []leaf {
	var out []leaf
	for _, l := range split(err) {
		t := strings.TrimSpace(strings.ReplaceAll(l.text, mapstructureHeader, ""))
		t = strings.Join(strings.Fields(strings.ReplaceAll(t, "\n", " ")), " ")
		if t != "" {
			out = append(out, leaf{t, l.err})
		}
	}
	if len(out) == 0 {
		out = append(out, leaf{err.Error(), err})
	}
	return out
}

// leaf is one single error: its text with every wrapper's prefix, and the
// outermost error that holds only it (for errors.As).
type leaf struct {
	text string
	err  error
}

func split(err error) []leaf {
	text := err.Error()
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		kids := j.Unwrap()
		var texts []string
		for _, k := range kids {
			texts = append(texts, k.Error())
		}
		// errors.Join separates with a line break, go.uber.org/multierr
		// (host_metrics, among others) with "; ".
		inner := strings.Join(texts, "\n")
		if !strings.HasSuffix(text, inner) {
			inner = strings.Join(texts, "; ")
		}
		if !strings.HasSuffix(text, inner) {
			return []leaf{{text, err}}
		}
		// A join with no prefix, or a wrapper with one prefix around its
		// children (mapstructure's header around a join).
		prefix := text[:len(text)-len(inner)]
		var out []leaf
		for _, k := range kids {
			for _, l := range split(k) {
				out = append(out, leaf{prefix + l.text, l.err})
			}
		}
		return out
	}
	inner := errors.Unwrap(err)
	if inner == nil {
		return []leaf{{text, err}}
	}
	it := inner.Error()
	if !strings.HasSuffix(text, it) {
		return []leaf{{text, err}}
	}
	prefix := text[:len(text)-len(it)]
	subs := split(inner)
	var out []leaf
	for _, l := range subs {
		if len(subs) == 1 {
			l.err = err // the whole chain is this leaf's: errors.As sees it all
		}
		out = append(out, leaf{prefix + l.text, l.err})
	}
	return out
}

// hostReason says why err depends on the machine that runs the check, or
// "": a file system, DNS or network error anywhere in its chain, or a text
// that exact.HostDependent knows.
func hostReason(err error, msg string) string {
	var pe *fs.PathError
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &pe):
		return "the file " + pe.Path + " on the host the collector runs on"
	case errors.As(err, &dns):
		return "a host name that must resolve where the collector runs"
	case errors.As(err, &op):
		return "a network connection from where the collector runs"
	}
	return exact.HostDependent(msg)
}
