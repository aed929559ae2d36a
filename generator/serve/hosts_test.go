package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestAddressesFor(t *testing.T) {
	lan := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("192.168.1.23"), net.ParseIP("::1"), net.ParseIP("fe80::1"), net.ParseIP("2001:db8::7")}
	tests := []struct {
		name    string
		bind    string
		addr    string // what the listener reports
		open    string
		network []string
		exposed bool
		allowed []string
		refused []string
	}{
		{
			name: "default", bind: "127.0.0.1", addr: "127.0.0.1:1313",
			open:    "http://127.0.0.1:1313/",
			allowed: []string{"127.0.0.1:1313", "localhost:1313", "LOCALHOST:1313", "[::1]:1313"},
			refused: []string{"evil.example:1313", "evil.example", "127.0.0.1", "localhost", "127.0.0.1:80", "192.168.1.23:1313", "localhost.:1313", ""},
		},
		{
			name: "localhost by name", bind: "localhost", addr: "127.0.0.1:1313",
			open:    "http://127.0.0.1:1313/",
			allowed: []string{"127.0.0.1:1313", "localhost:1313"},
			refused: []string{"evil.example:1313"},
		},
		{
			name: "IPv6 loopback", bind: "::1", addr: "[::1]:1313",
			open:    "http://[::1]:1313/",
			allowed: []string{"[::1]:1313", "localhost:1313"},
			refused: []string{"::1:1313", "evil.example:1313"},
		},
		{
			name: "every interface", bind: "0.0.0.0", addr: "[::]:1313",
			open:    "http://127.0.0.1:1313/",
			network: []string{"http://192.168.1.23:1313/", "http://[2001:db8::7]:1313/"},
			exposed: true,
			allowed: []string{"127.0.0.1:1313", "localhost:1313", "[::1]:1313", "192.168.1.23:1313", "[2001:db8::7]:1313", "[fe80::1]:1313", "atelier-pc:1313"},
			refused: []string{"[::]:1313", "0.0.0.0:1313", "evil.example:1313", "192.168.1.24:1313"},
		},
		{
			name: "every IPv6 interface", bind: "::", addr: "[::]:1313",
			open:    "http://[::1]:1313/",
			network: []string{"http://192.168.1.23:1313/", "http://[2001:db8::7]:1313/"},
			exposed: true,
		},
		{
			name: "one address of the network", bind: "192.168.1.23", addr: "192.168.1.23:1313",
			open:    "http://192.168.1.23:1313/",
			exposed: true,
			allowed: []string{"192.168.1.23:1313"},
			refused: []string{"localhost:1313", "127.0.0.1:1313", "evil.example:1313"},
		},
		{
			name: "port 80", bind: "127.0.0.1", addr: "127.0.0.1:80",
			open:    "http://127.0.0.1:80/",
			allowed: []string{"127.0.0.1:80", "127.0.0.1", "localhost", "[::1]"},
			refused: []string{"evil.example", "::1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", tt.addr)
			if err != nil {
				t.Fatal(err)
			}
			a := AddressesFor(tt.bind, addr, lan, "Atelier-PC")
			if a.Open != tt.open || !slices.Equal(a.Network, tt.network) || a.Exposed != tt.exposed {
				t.Errorf("open %q network %q exposed %v; want %q %q %v", a.Open, a.Network, a.Exposed, tt.open, tt.network, tt.exposed)
			}
			h := OnlyHosts(a.Hosts, a.Open, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
			for _, host := range tt.allowed {
				if code, _ := get(h, host); code != 200 {
					t.Errorf("Host %q answered %d, want 200", host, code)
				}
			}
			for _, host := range tt.refused {
				code, body := get(h, host)
				if code != 403 || !strings.Contains(body, "accès refusé") || !strings.Contains(body, tt.open) {
					t.Errorf("Host %q answered %d %q, want 403 naming %s", host, code, body, tt.open)
				}
			}
		})
	}
}

func get(h http.Handler, host string) (int, string) {
	req := httptest.NewRequest("GET", "/", nil)
	req.Host = host
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}
