package cli

import (
	"testing"

	"github.com/dateline-news/dateline/internal/resolve"
)

func TestKnownActor(t *testing.T) {
	kb, err := resolve.Load()
	if err != nil {
		t.Fatal(err)
	}
	known := knownActor(kb)
	a, ok := known("person/vladimir-putin")
	if !ok || a.Name != "Vladimir Putin" || len(a.Roles) == 0 {
		t.Errorf("person/vladimir-putin: %v, %+v", ok, a)
	}
	if a, ok := known("person/hugh-hill"); ok {
		t.Errorf("an actor of the reports only found in the knowledge base: %+v", a)
	}
}
