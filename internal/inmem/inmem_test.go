package inmem

import (
	"testing"

	"github.com/dateline-news/dateline/internal/bustest"
)

func TestConformance(t *testing.T) {
	bustest.Run(t, func(t *testing.T) bustest.Harness {
		b := New(WithMaxMessage(64 << 10))
		return bustest.Harness{Bus: b, PublishRaw: b.PublishRaw, MaxMessage: b.MaxMessage()}
	})
}
