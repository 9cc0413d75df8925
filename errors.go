package dateline

import "errors"

// Error kinds. Wrap them with %w; the web layer maps them to HTTP statuses.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid input")
	ErrConflict    = errors.New("conflict")
	ErrUnsupported = errors.New("unsupported")
	ErrTooLarge    = errors.New("too large")
)
