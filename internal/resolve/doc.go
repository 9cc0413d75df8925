// Package resolve is dateline's knowledge of actors across documents: a
// knowledge base (KB) of countries, international organisations, armed and
// non-state groups and people with their roles over date ranges, and the
// Resolver that maps the actors of one analysed document onto canonical
// actors, giving new actors stable IDs and merging aliases.
//
// The knowledge base is data committed under kb/: kb/actors.jsonl.gz is
// built by Build, a reproducible converter, from the Phoenix actor and agent
// dictionaries of PETRARCH (MIT; ../shared/data/petrarch/dictionaries/
// production) and from our own curated files kb/countries.tsv (ISO and CAMEO
// codes, capitals, demonyms) and kb/curated.jsonl (current office holders
// and other corrections to the 2014 dictionaries). Regenerate it with
//
//	go test ./internal/resolve -run TestBuildCommitted -update
//
// or `dateline kb build`. Malformed dictionary lines are reported as
// Problems with their file and line, never as panics; a malformed code block
// still ends its actor's names. Lookups follow the dictionaries: a name
// written only with its article (THE_ISLAMIC_STATE) needs it, a surname
// alone is the person holding a role at the date (Surname), and of the
// roles covering a date the one that began last wins (RoleAt). Built from a
// dictionary alone (PETRARCH's validation one), bare three-letter codes
// declare the countries.
//
// The package imports only the root package and the standard library. The
// actor pass (internal/analyze/actor) does not import it: *KB satisfies
// the pass's actor.KB interface structurally, and the CLI passes it in.
package resolve
