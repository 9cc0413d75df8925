package inmem

import (
	"testing"

	"github.com/dateline-news/dateline/internal/storetest"
)

func TestIndexConformance(t *testing.T) {
	storetest.RunIndex(t, func(t *testing.T) storetest.IndexBackend { return NewStore() })
}
