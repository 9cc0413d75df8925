package cameo

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
)

// Files of the committed data (see data/README.md).
const (
	VerbsFile  = "data/verbs.txt.gz" // converted from CAMEO.2.0.txt
	OwnFile    = "data/dateline.txt" // dateline's own patterns, hand-written, compact format
	PloverFile = "data/plover.txt"   // converted from CAMEO2PLOVER-2021.txt
	sourceNote = "converted from PETRARCH2 CAMEO.2.0.txt (MIT, (c) 2015 Open Event Data Alliance); see data/README.md"
)

//go:embed data
var data embed.FS

// Load reads the committed dictionaries: the converted CAMEO 2.0 verb
// patterns merged with dateline's own, and the CAMEO→PLOVER table. Call it
// once and share the result; both values are read-only afterwards.
func Load() (*Dict, *Plover, error) {
	d, err := loadDict(VerbsFile, true)
	if err != nil {
		return nil, nil, err
	}
	own, err := loadDict(OwnFile, false)
	if err != nil {
		return nil, nil, err
	}
	d.Merge(own)
	b, err := data.ReadFile(PloverFile)
	if err != nil {
		return nil, nil, err
	}
	p, probs, err := ReadPlover(bytes.NewReader(b), PloverFile)
	if err != nil {
		return nil, nil, err
	}
	if len(probs) > 0 {
		return nil, nil, fmt.Errorf("cameo: committed %s: %s", PloverFile, probs[0])
	}
	return d, p, nil
}

func loadDict(name string, gz bool) (*Dict, error) {
	f, err := data.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if gz {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("cameo: %s: %w", name, err)
		}
		defer zr.Close()
		r = zr
	}
	d, probs, err := ReadCompact(r, name)
	if err != nil {
		return nil, fmt.Errorf("cameo: %w", err)
	}
	if len(probs) > 0 {
		// The committed data is checked by the tests; a problem here is a
		// broken build, not bad input.
		return nil, fmt.Errorf("cameo: committed %s: %s", name, probs[0])
	}
	return d, nil
}

// Convert reads the PETRARCH2 verb dictionary and the CAMEO2PLOVER table
// and writes them in dateline's formats (the verbs gzipped, byte-for-byte
// reproducible). It returns the problems found in the sources.
func Convert(verbs io.Reader, verbsName string, plover io.Reader, ploverName string, verbsOut, ploverOut io.Writer) ([]Problem, error) {
	d, probs, err := ReadPetrarch(verbs, verbsName)
	if err != nil {
		return probs, err
	}
	zw, err := gzip.NewWriterLevel(verbsOut, gzip.BestCompression)
	if err != nil {
		return probs, err
	}
	if err := WriteCompact(zw, d, sourceNote); err != nil {
		return probs, err
	}
	if err := zw.Close(); err != nil {
		return probs, err
	}
	p, pp, err := ReadPlover(plover, ploverName)
	probs = append(probs, pp...)
	if err != nil {
		return probs, err
	}
	note := "CAMEO code: PLOVER event, mode, context # CAMEO label\n" +
		"converted from CAMEO2PLOVER-2021.txt (PLOVER manual draft 0.8, P. Schrodt; MIT); see data/README.md"
	return probs, WritePlover(ploverOut, p, note)
}
