package intake

import (
	"context"
	"errors"
	"iter"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// collect drains a page sequence.
func collect(seq iter.Seq2[*dateline.Page, error]) (pages []*dateline.Page, errs []error) {
	for p, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pages = append(pages, p)
	}
	return pages, errs
}

func read(t *testing.T, name, input string, opt Options) ([]*dateline.Page, []error) {
	t.Helper()
	return collect(Read(context.Background(), name, strings.NewReader(input), opt))
}

// checkPage enforces what every page must satisfy.
func checkPage(t *testing.T, p *dateline.Page) {
	t.Helper()
	if p == nil {
		t.Fatal("nil page without error")
	}
	if p.Source.Kind == "" || p.Source.Path == "" {
		t.Errorf("page without Kind or Path: %+v", p.Source)
	}
	if p.Format != dateline.FormatHTML && p.Format != dateline.FormatText {
		t.Errorf("page format %q", p.Format)
	}
	for _, d := range p.Diags {
		if d.Pass != pass || d.Severity == "" || d.Message == "" || d.Span.Start < 0 || d.Span.Start > d.Span.End {
			t.Errorf("bad diagnostic %+v", d)
		}
	}
}

func wantKind(t *testing.T, err error, kind error) {
	t.Helper()
	if !errors.Is(err, kind) {
		t.Errorf("error %v is not %v", err, kind)
	}
	var ie *Error
	if !errors.As(err, &ie) {
		t.Errorf("error %v is not an *intake.Error", err)
	}
}

func hasDiag(p *dateline.Page, substr string) bool {
	for _, d := range p.Diags {
		if strings.Contains(d.Message, substr) {
			return true
		}
	}
	return false
}
