package claim_test

import "github.com/dateline-news/dateline/internal/pipelinetest"

// pipe is the pipeline of the end-to-end tests, built once per test binary.
var pipe pipelinetest.Cache
