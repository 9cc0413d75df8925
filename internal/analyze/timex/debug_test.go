package timex

import (
	"fmt"
	"os"
	"testing"
	"time"
)

func TestDebugFind(t *testing.T) {
	ref, _ := time.Parse("2006-01-02", os.Getenv("REF"))
	text := os.Getenv("TEXT")
	times, diags := New().Find(text, ref)
	for _, x := range times {
		fmt.Printf("%q %s %s %s %d\n", x.Span.In(text), x.Type, x.Value, x.Mod, x.Anchor)
	}
	for _, d := range diags {
		fmt.Println("diag", d.Message)
	}
}
