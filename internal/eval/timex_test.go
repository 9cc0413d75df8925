package eval

import (
	"math"
	"testing"
)

func TestTimexCounts(t *testing.T) {
	gold := []TimexSpan{
		{0, 6, "DATE", "2025-08-15"},    // exact, right value
		{10, 20, "DURATION", "PT2H"},    // overlap, wrong value
		{30, 35, "DATE", "2025-W34"},    // missed
		{40, 45, "DATE", "PRESENT_REF"}, // two predictions overlap it: one matches
	}
	pred := []TimexSpan{
		{0, 6, "DATE", "2025-08-15"},
		{8, 14, "DURATION", "PT3H"},
		{40, 42, "DATE", "PRESENT_REF"},
		{43, 45, "DATE", "PRESENT_REF"},
		{50, 55, "SET", "P1W"}, // spurious
	}
	var c TimexCounts
	c.Add(gold, pred)
	want := TimexCounts{Docs: 1, Gold: 4, Predicted: 5, Strict: 1, Relaxed: 3, TypeCorrect: 3, ValueCorrect: 2}
	if c != want {
		t.Fatalf("counts %+v, want %+v", c, want)
	}
	m := c.Metrics()
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }
	p, r := 3.0/5, 3.0/4
	f := 2 * p * r / (p + r)
	if !near(m.RelaxedF1, f) || !near(m.StrictF1, 2*(1.0/5)*(1.0/4)/((1.0/5)+(1.0/4))) ||
		!near(m.ValueF1, f*2/3) || !near(m.TypeAccuracy, 1) || !near(m.ValueAccuracy, 2.0/3) {
		t.Fatalf("metrics %+v", m)
	}
	if z := (TimexCounts{}).Metrics(); z.StrictF1 != 0 || z.ValueF1 != 0 {
		t.Fatalf("empty metrics %+v", z)
	}
}
