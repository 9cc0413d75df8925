package dateline

import "time"

// ActorID identifies an actor in the knowledge base; stable across runs.
type ActorID string

// Role is a position an actor holds over a date range.
type Role struct {
	Title string    `json:"title"`          // "President of Russia", CAMEO code "RUSGOV"
	Code  string    `json:"code,omitempty"` // CAMEO actor code for this role
	From  time.Time `json:"from,omitzero"`  // zero: since ever
	Until time.Time `json:"until,omitzero"` // zero: still
}

// Actor is a canonical actor across documents.
type Actor struct {
	ID      ActorID           `json:"id"`
	Name    string            `json:"name"`
	Type    string            `json:"type"` // PERSON, ORG, GPE, ...
	Code    string            `json:"code,omitempty"`
	Aliases []string          `json:"aliases,omitempty"`
	Roles   []Role            `json:"roles,omitempty"`
	IDs     map[string]string `json:"ids,omitempty"` // external IDs: iso3166, wikidata, ...
}

// RoleAt returns the role the actor held at t, if any. Of several roles
// covering t, the one that began last wins: a narrower range (an acting
// office, a term inside a career) overrides the wider one around it.
func (a *Actor) RoleAt(t time.Time) (Role, bool) {
	best, found := Role{}, false
	for _, r := range a.Roles {
		if (r.From.IsZero() || !t.Before(r.From)) && (r.Until.IsZero() || t.Before(r.Until)) {
			if !found || r.From.After(best.From) {
				best, found = r, true
			}
		}
	}
	return best, found
}
