package rules

// decodePack reads one file of a built-in rule pack. Its indicator numbers
// are checked against the widest grid here, and against the grid judged
// when a configuration is bound to it.
func decodePack(name string, src []byte) ([]*Rule, error) {
	d, data, err := decodeTOML(name+" (intégré)", src)
	if err != nil {
		return nil, err
	}
	d.known("", data, []string{"rule"})
	rs := d.rules(data["rule"], true)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return rs, nil
}

// Pack returns the rules of the V9 grid's built-in pack.
//
// Deprecated: each grid has its pack (Referential.Pack).
func Pack() []*Rule { return gridList()[0].Pack() }
