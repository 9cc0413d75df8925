package linear

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strings"
	"testing"
)

func packed(t testing.TB, content []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	p := Pack(&b)
	// Two writes: the frame holds them both.
	if _, err := p.Write(content[:len(content)/2]); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Write(content[len(content)/2:]); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 0 {
		t.Fatal("Pack wrote before Close")
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	if _, err := p.Write([]byte("x")); err == nil {
		t.Fatal("Write after Close succeeded")
	}
	return b.Bytes()
}

func gzipped(t testing.TB, content []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestPackUnpack(t *testing.T) {
	content := []byte(strings.Repeat("dateline model “weights” ", 5000))
	for _, tc := range []struct {
		name string
		file []byte
	}{
		{"zstd", packed(t, content)},
		{"gzip (older files)", gzipped(t, content)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := UnpackBytes(tc.file)
			if err != nil || !bytes.Equal(got, content) {
				t.Fatalf("UnpackBytes: %d bytes, %v", len(got), err)
			}
			got, err = Unpack(bytes.NewReader(tc.file))
			if err != nil || !bytes.Equal(got, content) {
				t.Fatalf("Unpack: %d bytes, %v", len(got), err)
			}
			// A reader without Len.
			got, err = Unpack(struct{ *bytes.Reader }{bytes.NewReader(tc.file)})
			if err != nil || !bytes.Equal(got, content) {
				t.Fatalf("Unpack (stream): %d bytes, %v", len(got), err)
			}
		})
	}
	if z := packed(t, content); len(z) >= len(gzipped(t, content)) {
		t.Errorf("zstd %d bytes, gzip %d", len(z), len(gzipped(t, content)))
	}
}

func TestUnpackCorrupt(t *testing.T) {
	content := []byte(strings.Repeat("abc", 1000))
	z, g := packed(t, content), gzipped(t, content)
	flip := func(b []byte, i int) []byte {
		b = bytes.Clone(b)
		b[i] ^= 0xFF
		return b
	}
	for name, file := range map[string][]byte{
		"empty":           nil,
		"plain text":      []byte("not a model"),
		"zstd truncated":  z[:len(z)/2],
		"zstd bad check":  flip(z, len(z)-1),
		"gzip truncated":  g[:len(g)/2],
		"gzip bad check":  flip(g, len(g)-5),
		"magic only zstd": zstdMagic,
		"magic only gzip": gzipMagic,
	} {
		if _, err := UnpackBytes(file); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
}

func FuzzUnpack(f *testing.F) {
	f.Add(packed(f, []byte("dateline")))
	f.Add(gzipped(f, []byte("dateline")))
	f.Add([]byte{0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		out, err := UnpackBytes(b)
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("error %v is not ErrCorrupt", err)
		}
		if err == nil && len(out) > MaxModel {
			t.Fatalf("%d bytes", len(out))
		}
	})
}
