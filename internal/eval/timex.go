package eval

// TimexSpan is one time expression as the timex scorer sees it: a half-open
// byte span into a document's text, its TIMEX3 type and value.
type TimexSpan struct {
	Start, End int
	Type       string
	Value      string
}

// TimexCounts accumulates the TempEval-3 Task A counts over documents.
type TimexCounts struct {
	Docs         int `json:"docs"`
	Gold         int `json:"gold"`          // gold expressions
	Predicted    int `json:"predicted"`     // system expressions
	Strict       int `json:"strict"`        // pairs with the exact same span
	Relaxed      int `json:"relaxed"`       // one-to-one pairs of overlapping spans
	TypeCorrect  int `json:"type_correct"`  // relaxed pairs with the same type
	ValueCorrect int `json:"value_correct"` // relaxed pairs with the same value
}

// TimexMetrics are the TempEval-3 Task A figures (fractions in [0, 1]).
type TimexMetrics struct {
	StrictPrecision  float64     `json:"strict_precision"`
	StrictRecall     float64     `json:"strict_recall"`
	StrictF1         float64     `json:"strict_f1"`
	RelaxedPrecision float64     `json:"relaxed_precision"`
	RelaxedRecall    float64     `json:"relaxed_recall"`
	RelaxedF1        float64     `json:"relaxed_f1"`
	ValueF1          float64     `json:"value_f1"`
	TypeF1           float64     `json:"type_f1"`
	ValueAccuracy    float64     `json:"value_accuracy"`
	TypeAccuracy     float64     `json:"type_accuracy"`
	Counts           TimexCounts `json:"counts"`
}

// Add scores one document. Both lists must be sorted by start. Relaxed
// matching pairs each gold span with at most one predicted span (the first
// overlapping one not yet taken), as the TE3 scorer does.
func (c *TimexCounts) Add(gold, pred []TimexSpan) {
	c.Docs++
	c.Gold += len(gold)
	c.Predicted += len(pred)
	taken := make([]bool, len(pred))
	j0 := 0
	for _, g := range gold {
		for j0 < len(pred) && pred[j0].End <= g.Start {
			j0++
		}
		best := -1
		for j := j0; j < len(pred) && pred[j].Start < g.End; j++ {
			if taken[j] || pred[j].End <= g.Start {
				continue
			}
			if pred[j].Start == g.Start && pred[j].End == g.End {
				best = j
				break
			}
			if best < 0 {
				best = j
			}
		}
		if best < 0 {
			continue
		}
		taken[best] = true
		p := pred[best]
		c.Relaxed++
		if p.Start == g.Start && p.End == g.End {
			c.Strict++
		}
		if p.Type == g.Type {
			c.TypeCorrect++
		}
		if p.Value == g.Value {
			c.ValueCorrect++
		}
	}
}

// Metrics computes the figures from the counts. Value F1 and type F1 are
// the relaxed F1 times the attribute accuracy over relaxed matches, the TE3
// definition.
func (c TimexCounts) Metrics() TimexMetrics {
	m := TimexMetrics{Counts: c}
	m.StrictPrecision, m.StrictRecall, m.StrictF1 = timexPRF(c.Strict, c.Predicted, c.Gold)
	m.RelaxedPrecision, m.RelaxedRecall, m.RelaxedF1 = timexPRF(c.Relaxed, c.Predicted, c.Gold)
	if c.Relaxed > 0 {
		m.ValueAccuracy = float64(c.ValueCorrect) / float64(c.Relaxed)
		m.TypeAccuracy = float64(c.TypeCorrect) / float64(c.Relaxed)
	}
	m.ValueF1 = m.RelaxedF1 * m.ValueAccuracy
	m.TypeF1 = m.RelaxedF1 * m.TypeAccuracy
	return m
}

func timexPRF(tp, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(tp) / float64(pred)
	}
	if gold > 0 {
		r = float64(tp) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
