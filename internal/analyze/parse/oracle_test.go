package parse

import (
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/conllu"
	"github.com/dateline-news/dateline/internal/repotest"
)

// dataDir finds ../shared/data beside the repository root, or skips.
func dataDir(t testing.TB) string {
	t.Helper()
	repotest.SharedData(t, "ud") // skips without the treebanks
	return repotest.SharedData(t)
}

// TestOracleReachesGold follows zero-cost transitions from the start and
// checks that the parse equals the projectivised gold tree.
func TestOracleReachesGold(t *testing.T) {
	sents, err := conllu.ReadFile(filepath.Join(dataDir(t), "ud", "en_ewt-ud-dev.conllu"))
	if err != nil {
		t.Fatal(err)
	}
	var st state
	bad := 0
	for _, s := range sents {
		if !wellFormed(&s) {
			continue
		}
		gh := make([]int32, len(s.Tokens)+1)
		gh[0] = -1
		for i, tok := range s.Tokens {
			gh[i+1] = int32(tok.Head)
		}
		projectivise(gh)
		gh = rootLast(gh)
		st.reset(len(s.Tokens))
		for !st.done() {
			t0 := -1
			for tr := range nTrans {
				if st.valid(tr) && st.cost(tr, gh) == 0 {
					t0 = tr
					break
				}
			}
			if t0 < 0 {
				break
			}
			st.apply(t0, 0)
		}
		st.finish(func(h, d int32) int32 { return 0 }, 0)
		for i := 1; i <= len(s.Tokens); i++ {
			if st.head[i] != gh[i] {
				bad++
				break
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d sentences not reached by the oracle", bad, len(sents))
	}
}
