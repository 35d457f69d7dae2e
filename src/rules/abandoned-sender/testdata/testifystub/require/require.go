// Package require is a stand-in for testify's require: the few names the testdata uses.
package require

// TestingT is what the checks report to.
type TestingT interface {
	Errorf(format string, args ...interface{})
	FailNow()
}

// Assertions runs the checks on one test.
type Assertions struct{ t TestingT }

// New returns the checks of test t.
func New(t TestingT) *Assertions { return &Assertions{t: t} }

// FailNow fails the test and stops it.
func (a *Assertions) FailNow(msg string) {
	a.t.Errorf("%s", msg)
	a.t.FailNow()
}

// NoError stops the test when err is not nil.
func (a *Assertions) NoError(err error) {
	if err != nil {
		a.FailNow(err.Error())
	}
}
