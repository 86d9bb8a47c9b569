package rules

// The audit cycle: surveillance between 14 and 22 months after the initial
// certification, renewal at 3 years, then the cycle starts again.
const (
	SurveillanceFrom  = 14 // months after the initial audit
	SurveillanceUntil = 22
	RenewalMonths     = 36
)

// Cycle is the audit calendar around a day.
type Cycle struct {
	Start                     Day // the initial (or last renewal) audit of the current cycle
	WindowOpens, WindowCloses Day // the surveillance window
	Renewal                   Day // the renewal audit, at the latest
	Next                      Day // the next audit: the booked date, else the next window or renewal
	Booked                    bool
}

// CycleAt returns the audit calendar as seen on day today, or false when the
// organization gave no audit date.
func (a Audit) CycleAt(today Day) (Cycle, bool) {
	if a.Initial.IsZero() && a.Next.IsZero() {
		return Cycle{}, false
	}
	var c Cycle
	if !a.Initial.IsZero() {
		start := a.Initial
		for !today.Before(start.AddMonths(RenewalMonths)) {
			start = start.AddMonths(RenewalMonths)
		}
		c.Start = start
		c.WindowOpens = start.AddMonths(SurveillanceFrom)
		c.WindowCloses = start.AddMonths(SurveillanceUntil)
		c.Renewal = start.AddMonths(RenewalMonths)
		switch {
		case today.Before(c.WindowOpens):
			c.Next = c.WindowOpens
		case !today.After(c.WindowCloses):
			c.Next = today // the window is open: the audit can come any day
		default:
			c.Next = c.Renewal
		}
	}
	if !a.Next.IsZero() && !a.Next.Before(today) {
		c.Next, c.Booked = a.Next, true
	}
	return c, !c.Next.IsZero()
}
