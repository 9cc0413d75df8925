package linear

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// Model files are compressed with zstd, which decompresses four to five
// times faster than gzip (the models' load time was a third
// decompression) and packs them smaller. Files written before are gzip,
// which Unpack still reads: the two are told apart by their magic bytes.

var (
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	gzipMagic = []byte{0x1f, 0x8b}
)

// Unpack reads a whole compressed model file from r (zstd, or gzip for
// older files) and returns its content, at most MaxModel bytes.
func Unpack(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	if l, ok := r.(interface{ Len() int }); ok { // an embedded file
		buf.Grow(l.Len() + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxModel+1)); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return UnpackBytes(buf.Bytes())
}

// UnpackBytes returns the content of the compressed model file b (zstd,
// or gzip for older files), at most MaxModel bytes.
func UnpackBytes(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, zstdMagic):
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(MaxModel))
		if err != nil {
			return nil, err
		}
		defer d.Close()
		out, err := d.DecodeAll(b, nil)
		if err != nil {
			return nil, fmt.Errorf("%w: zstd: %w", ErrCorrupt, err)
		}
		return out, nil
	case bytes.HasPrefix(b, gzipMagic):
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("%w: gzip: %w", ErrCorrupt, err)
		}
		out, err := io.ReadAll(io.LimitReader(zr, MaxModel+1))
		switch {
		case err != nil:
			return nil, fmt.Errorf("%w: gzip: %w", ErrCorrupt, err)
		case len(out) > MaxModel:
			return nil, fmt.Errorf("%w: model larger than %d bytes", ErrCorrupt, MaxModel)
		}
		return out, nil
	}
	return nil, fmt.Errorf("%w: neither zstd nor gzip", ErrCorrupt)
}

// Pack returns a writer that compresses what is written to it into w as
// one zstd frame, written when it is closed (the frame then records the
// content size, so that UnpackBytes allocates once). Close does not close
// w.
func Pack(w io.Writer) io.WriteCloser { return &packer{w: w} }

type packer struct {
	w      io.Writer
	buf    bytes.Buffer
	closed bool
}

func (p *packer) Write(b []byte) (int, error) {
	if p.closed {
		return 0, fmt.Errorf("linear: write to a closed model packer")
	}
	return p.buf.Write(b)
}

func (p *packer) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	out := enc.EncodeAll(p.buf.Bytes(), nil)
	if err := enc.Close(); err != nil {
		return err
	}
	p.buf = bytes.Buffer{}
	_, err = p.w.Write(out)
	return err
}
