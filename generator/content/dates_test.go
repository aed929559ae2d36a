package content

import (
	"testing"
	"time"
)

// TestDatesAreRoubaixDays: a date written in front matter is a day in
// Roubaix. A nightly build at 00:30 in Paris (23:30 UTC the day before)
// publishes the pages of the new day and no longer shows the offers that
// expire that day.
func TestDatesAreRoubaixDays(t *testing.T) {
	day := func(s string) Date {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return Date{Time: d}
	}
	at := func(s string) time.Time {
		n, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"a page of 6 December, at 00:30 in Paris on the 6th", day("2026-12-06").Future(at("2026-12-05T23:30:00Z")), false},
		{"a page of 6 December, at 23:30 in Paris on the 5th", day("2026-12-06").Future(at("2026-12-05T22:30:00Z")), true},
		{"an offer expiring on 24 December, at 00:30 in Paris on the 24th", (&Offer{Expires: day("2026-12-24")}).Open(at("2026-12-23T23:30:00Z")), false},
		{"an offer expiring on 24 December, at 23:30 in Paris on the 23rd", (&Offer{Expires: day("2026-12-24")}).Open(at("2026-12-23T22:30:00Z")), true},
		{"summer time: a page of 1 July at 00:30 in Paris (22:30 UTC)", day("2027-07-01").Future(at("2027-06-30T22:30:00Z")), false},
		{"today in Paris at 00:30 on the 6th", Today(at("2026-12-05T23:30:00Z")).Equal(day("2026-12-06").Time), true},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}
