// Package eval holds the scorers behind `dateline eval <task>`: each reads
// gold data in its own format, runs the stage, and returns metrics as
// fractions in [0, 1], counts and speeds (see docs/formats.md and
// DESIGN.md "Evaluation"). Each task's code lives in files named after it
// (extract*.go, ud*.go, ner*.go, timex*.go, segment*.go) with names
// prefixed by the task.
package eval
