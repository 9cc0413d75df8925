package dateline

import (
	"testing"
	"time"
)

func TestRoleAt(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	a := &Actor{Roles: []Role{
		{Title: "minister", Until: day(2008, 1, 20)},
		{Title: "general", From: day(2008, 1, 20), Until: day(2012, 11, 9)},
		{Title: "acting president", From: day(2010, 1, 9), Until: day(2010, 1, 13)}, // inside "general"
		{Title: "senator", From: day(2013, 1, 19)},
	}}
	for _, tc := range []struct {
		at   time.Time
		want string // "" for none
	}{
		{day(2001, 1, 1), "minister"},
		{day(2008, 1, 19), "minister"},
		{day(2008, 1, 20), "general"}, // From is inclusive, Until exclusive
		{day(2010, 1, 9), "acting president"},
		{day(2010, 1, 12), "acting president"},
		{day(2010, 1, 13), "general"},
		{day(2012, 12, 1), ""},
		{day(2020, 1, 1), "senator"},
	} {
		r, ok := a.RoleAt(tc.at)
		if ok != (tc.want != "") || r.Title != tc.want {
			t.Errorf("RoleAt(%s) = %q, %v; want %q", tc.at.Format("2006-01-02"), r.Title, ok, tc.want)
		}
	}
	if _, ok := (&Actor{}).RoleAt(day(2020, 1, 1)); ok {
		t.Error("an actor without roles has a role")
	}
}
