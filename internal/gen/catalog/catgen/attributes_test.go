package catgen

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestModuleAttributes: a component module's own attribute keys come from
// its metadata.yaml, its key-like string constants and the semconv keys its
// source uses; tests, testdata, nested modules and file names do not count.
func TestModuleAttributes(t *testing.T) {
	otel := t.TempDir()
	writeFiles(t, otel, map[string]string{
		"semconv/v1.21.0/resource.go": "package semconv\nimport \"go.opentelemetry.io/otel/attribute\"\nconst (\n\tContainerImageTagKey = attribute.Key(\"container.image.tag\")\n\tOtherKey = attribute.Key(\"other.key\")\n)\n",
	})
	mod := t.TempDir()
	metadata := "type: x\nresource_attributes:\n  aws.ecs.task.arn: {description: d}\nattributes:\n  direction: {name_override: network.io.direction}\n  state: {}\n"
	writeFiles(t, mod, map[string]string{
		"metadata.yaml":        metadata,
		"internal/constant.go": "package internal\nconst (\n\tattributeECSCluster = \"aws.ecs.cluster.name\"\n\tconfigFile = \"config.yaml\"\n\tplain = \"nodots\"\n\tUpper = \"Not.A.Key\"\n)\nvar notConst = \"var.is.skipped\"\n",
		"internal/resource.go": "package internal\nimport conventionsv121 \"go.opentelemetry.io/otel/semconv/v1.21.0\"\nimport semconv \"go.opentelemetry.io/otel/semconv/v9.9.9\"\nvar _ = conventionsv121.ContainerImageTagKey\nvar _ = semconv.UnknownKey\n",
		"x_test.go":            "package x\nconst inTest = \"test.only.key\"\n",
		"testdata/gen.go":      "package gen\nconst inTestdata = \"testdata.key\"\n",
		"nested/go.mod":        "module nested\n",
		"nested/n.go":          "package nested\nconst nestedKey = \"nested.module.key\"\n",
	})
	got, err := moduleAttributes(mod, []byte(metadata), &SemconvKeys{Dir: otel})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"aws.ecs.cluster.name", "aws.ecs.task.arn", "container.image.tag", "network.io.direction"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Without the otel-go module, semconv identifiers stay unresolved.
	got, err = moduleAttributes(mod, []byte(metadata), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"aws.ecs.cluster.name", "aws.ecs.task.arn", "network.io.direction"}; !reflect.DeepEqual(got, want) {
		t.Errorf("without semconv: got %q, want %q", got, want)
	}
}
