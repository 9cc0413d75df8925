package postgres

import (
	"context"
	"testing"

	"github.com/dateline-news/dateline/internal/storetest"
)

func TestStoryConformance(t *testing.T) {
	storetest.RunStories(t, func(t *testing.T) storetest.StoryBackend {
		s, err := Open(context.Background(), testSchema(t))
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}
