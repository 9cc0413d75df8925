package bustest

import (
	"os"
	"testing"
)

// Env variables naming the servers the scale-out tests use; .ci/services
// starts the servers and sets them.
const (
	EnvPostgres = "DATELINE_TEST_POSTGRES" // postgres://… of a database the tests may create schemas in
	EnvNATS     = "DATELINE_TEST_NATS"     // nats://… of a server with JetStream
	EnvPGBin    = "DATELINE_TEST_PGBIN"    // directory of initdb and pg_ctl, for the restart test
)

// Server returns the value of the environment variable env, which names a
// server a test needs. When it is unset the test is skipped with a clear
// message, or fails when CI=true (CI must start the servers: .ci/services).
func Server(t testing.TB, env string) string {
	t.Helper()
	v := os.Getenv(env)
	if v != "" {
		return v
	}
	msg := env + " is not set: start the servers with `eval \"$(.ci/services start)\"` to run this test"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}
