package svc

import "testing"

func TestSamplerCases(t *testing.T) {
	for i := 0; i < 3; i++ {
		s := NewSampler()
		s.samples <- float64(i)
	}
}
