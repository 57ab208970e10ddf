package exact

import "strings"

// hostPatterns are texts of errors whose outcome depends on the machine
// that runs the check rather than on the config: a file or directory that
// exists on the deploy host (hostmetrics root_path, file_storage
// directories, TLS files), a name that resolves there, the memory limit of
// its cgroup, the Kubernetes API of its cluster. Such an error must never
// fail lint; it becomes an info finding.
var hostPatterns = []struct{ text, why string }{
	{"no such file or directory", "a file or directory that must exist on the host the collector runs on"},
	{"cannot find the path specified", "a file or directory that must exist on the host the collector runs on"},
	{"cannot find the file specified", "a file or directory that must exist on the host the collector runs on"},
	{"not a directory", "a directory that must exist on the host the collector runs on"},
	{"permission denied", "file permissions on the host the collector runs on"},
	{"no such host", "a host name that must resolve where the collector runs"},
	{"server misbehaving", "DNS where the collector runs"},
	{"connection refused", "a service that must be reachable where the collector runs"},
	{"i/o timeout", "a service that must be reachable where the collector runs"},
	{"failed to get total memory", "the memory limit of the host or container the collector runs in"},
	{"KUBERNETES_SERVICE_HOST", "the Kubernetes API of the cluster the collector runs in"},
	{"unable to load k8s config", "the Kubernetes API of the cluster the collector runs in"},
	{"unable to load in-cluster configuration", "the Kubernetes API of the cluster the collector runs in"},
	{"dial tcp", "a service that must be reachable where the collector runs"},
	{"EC2 IMDS", "the cloud credentials of the host the collector runs on"},
	{"failed to refresh cached credentials", "the cloud credentials of the host the collector runs on"},
}

// HostDependent says why an error text depends on the machine that runs
// the check (see hostPatterns), or "" when it does not.
func HostDependent(msg string) string {
	for _, p := range hostPatterns {
		if strings.Contains(msg, p.text) {
			return p.why
		}
	}
	return ""
}
