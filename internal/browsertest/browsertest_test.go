package browsertest

import (
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func TestMajor(t *testing.T) {
	for product, want := range map[string]int{
		"HeadlessChrome/156.0.8078.114": 156,
		"Chrome/148.0.7778.96":          148,
		"Chromium/99.0.1":               99,
		"":                              0,
		"HeadlessChrome/dev":            0,
	} {
		if got, ok := Major(product); got != want || ok != (want != 0) {
			t.Errorf("Major(%q) = %d, %v; want %d", product, got, ok, want)
		}
	}
}

// TestEmulateNetwork throttles a tab and checks that the latency is
// applied: a page served on loopback is not received before the emulated
// latency has passed (Chromium holds the response back).
func TestEmulateNetwork(t *testing.T) {
	tab := New(t)
	base := Serve(t, map[string][]byte{"index.html": []byte("<!doctype html><title>t</title><p>lent")}, nil)
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if err := EmulateNetwork(tab, 600, 1e6, 1e6); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	wait, err := chromedp.Run(tab, chromedp.Evaluate[float64](`(() => { const n = performance.getEntriesByType("navigation")[0]; return n.responseEnd - n.startTime; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if wait < 500 {
		t.Errorf("the page was received %.0f ms after the navigation began; with 600 ms of emulated latency, the emulation is not applied", wait)
	}
}
