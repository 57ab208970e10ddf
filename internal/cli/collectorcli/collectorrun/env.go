package collectorrun

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// replayEnv is the environment of a replay: the process's, then each
// --env-file in order, then each --env KEY=VALUE (later ones win). It
// gives ${env:VAR} in the config their values and is what
// resource_detection's env detector reads (OTEL_RESOURCE_ATTRIBUTES), as
// a collector started with that environment would see it.
func replayEnv(files, pairs []string) (map[string]string, error) {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	for _, f := range files {
		if err := readEnvFile(f, env); err != nil {
			return nil, err
		}
	}
	for _, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--env %q: want KEY=VALUE", kv)
		}
		env[k] = v
	}
	return env, nil
}

// readEnvFile reads KEY=VALUE lines into env: blank lines and lines
// starting with # are skipped, "export " before a key is allowed, and a
// value in matching single or double quotes is taken without them (as
// docker --env-file and most .env files write them). A line without '='
// is an error naming it.
func readEnvFile(path string, env map[string]string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("--env-file: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			return fmt.Errorf("%s:%d: want KEY=VALUE", path, n)
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		env[k] = v
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
