package intake

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, r := range s {
		if r > 0xFFFF {
			panic("BMP only")
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func utf16be(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

func TestDecodeText(t *testing.T) {
	const quote = "The minister said “we’re ready” – then left."
	for _, c := range []struct {
		name  string
		in    []byte
		label string
		want  string
		diag  string // a diagnostic that must be there ("" = none at all)
	}{
		{"utf-8", []byte(quote), "", quote, ""},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, quote...), "", quote, ""},
		{"utf-16le BOM", utf16le(quote, true), "", quote, ""},
		{"utf-16be BOM", utf16be(quote, true), "", quote, ""},
		{"utf-16le no BOM", utf16le("Talks resumed in Geneva on Monday.", false), "", "Talks resumed in Geneva on Monday.", "UTF-16LE"},
		{"utf-16be no BOM", utf16be("Talks resumed in Geneva on Monday.", false), "", "Talks resumed in Geneva on Monday.", "UTF-16BE"},
		{"windows-1252", []byte("\x93Caf\xe9 talks\x94 \x96 done"), "", "“Café talks” – done", "windows-1252"},
		{"latin-1 label", []byte("Caf\xe9 cr\xe8me"), "iso-8859-1", "Café crème", ""},
		{"koi8-r label", []byte{0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4}, "koi8-r", "Привет", ""},
		{"utf-8 label on utf-8", []byte(quote), "UTF-8", quote, ""},
		{"unknown label", []byte("Plain words."), "x-no-such-charset", "Plain words.", "unknown charset"},
		{"damaged utf-8", []byte("Kyiv “talks” \xff\xfe resumed — “again”"), "", "Kyiv “talks” \uFFFD resumed — “again”", "input bytes 17-19"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, diags, err := DecodeText(c.in, c.label)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
			if !utf8.Valid(got) {
				t.Error("output is not UTF-8")
			}
			if c.diag == "" && len(diags) > 0 {
				t.Errorf("unexpected diagnostics %v", diags)
			}
			if c.diag != "" {
				found := false
				for _, d := range diags {
					found = found || strings.Contains(d.Message, c.diag)
				}
				if !found {
					t.Errorf("no diagnostic with %q in %v", c.diag, diags)
				}
			}
		})
	}
}

func TestDecodeTextInvalidOffsets(t *testing.T) {
	in := []byte("ab\xffcd\xc3\xa9\xfe\xfeg")
	got, diags, err := DecodeText(in, "")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "ab\uFFFDcdé\uFFFDg" {
		t.Errorf("got %q", got)
	}
	want := []dateline.Span{{Start: 2, End: 3}, {Start: 7, End: 9}}
	if len(diags) != len(want) {
		t.Fatalf("diags %v", diags)
	}
	for i, d := range diags {
		if d.Span != want[i] || d.Severity != dateline.SevWarning {
			t.Errorf("diag %d = %+v, want span %v", i, d, want[i])
		}
	}
}

func TestDecodeTextManyInvalid(t *testing.T) {
	// Mostly valid UTF-8 with many damaged bytes: bounded diagnostics.
	var b bytes.Buffer
	for range 100 {
		b.WriteString("é\xff")
	}
	_, diags, err := DecodeText(b.Bytes(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != maxByteDiags+1 || !strings.Contains(diags[maxByteDiags].Message, "80 more") {
		t.Errorf("%d diags, last %v", len(diags), diags[len(diags)-1])
	}
}

func TestDecodeTextRejects(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []byte
		kind error
		msg  string
	}{
		{"empty", nil, dateline.ErrInvalid, "empty file"},
		{"blank", []byte(" \n\t\r\n "), dateline.ErrInvalid, "empty file"},
		{"NUL", []byte("report\x00\x00\x01\x02 text"), dateline.ErrUnsupported, "binary file"},
		{"late NUL", append(bytes.Repeat([]byte("words "), 3000), 0), dateline.ErrUnsupported, "binary file"},
		{"PDF", []byte("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n1 0 obj"), dateline.ErrUnsupported, "PDF document"},
		{"controls", bytes.Repeat([]byte("a\x01\x02\x03\x04"), 50), dateline.ErrUnsupported, "binary file"},
		{"blank utf-16", utf16le("   ", true), dateline.ErrInvalid, "empty file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := DecodeText(c.in, "")
			if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("err = %v, want %v with %q", err, c.kind, c.msg)
			}
		})
	}
}

func TestHTMLCharset(t *testing.T) {
	for _, c := range []struct{ body, ct, want string }{
		{"<html><head><meta charset=\"windows-1251\"></head>", "", "windows-1251"},
		{"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">", "", "windows-1252"},
		{"<html><head><meta charset=utf-8>", "text/html; charset=Shift_JIS", "shift_jis"},
		{"\xef\xbb\xbf<html>", "", "utf-8"},
		{"<html><body>no declaration</body></html>", "", ""},
		{"<p>charset=koi8-r is mentioned in text</p>", "", ""},
	} {
		if got := htmlCharset([]byte(c.body), c.ct); got != c.want {
			t.Errorf("htmlCharset(%q, %q) = %q, want %q", c.body, c.ct, got, c.want)
		}
	}
}
