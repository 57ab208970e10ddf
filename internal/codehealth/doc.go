// Package codehealth holds tests that keep the code base readable: no
// function over 100 lines and no package over 4,000 lines, outside tests
// and generated files (issue 12). It has no code of its own.
package codehealth
