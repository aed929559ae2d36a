package serve

import (
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// Addresses says how the preview can be reached once it listens: which
// Host header values name it, and which addresses to show.
type Addresses struct {
	// Hosts holds the Host header values the preview answers ("host:port",
	// lower case, IPv6 in brackets). A page of another site that points its
	// own name at this machine (DNS rebinding) sends its own name: refused.
	Hosts map[string]bool
	// Open is the address to open in a browser on this machine, or on the
	// network when the preview is bound to one address of it.
	Open string
	// Network lists the addresses other devices of the network can open,
	// when the preview listens on every interface.
	Network []string
	// Exposed is true when other machines can reach the preview.
	Exposed bool
}

// AddressesFor returns how a preview bound as bind (the -bind flag) and
// listening at addr is reached. local lists the machine's interface
// addresses and hostname its name ("" for none); they count only when
// the preview listens on every interface.
func AddressesFor(bind string, addr *net.TCPAddr, local []net.IP, hostname string) Addresses {
	port := strconv.Itoa(addr.Port)
	a := Addresses{Hosts: map[string]bool{}}
	allow := func(host string) {
		host = strings.ToLower(host)
		a.Hosts[net.JoinHostPort(host, port)] = true
		if port == "80" { // browsers leave the default port out
			if strings.Contains(host, ":") {
				host = "[" + host + "]"
			}
			a.Hosts[host] = true
		}
	}
	url := func(ip net.IP) string { return "http://" + net.JoinHostPort(ip.String(), port) + "/" }
	loopback := func() {
		allow("localhost")
		allow("127.0.0.1")
		allow("::1")
	}
	if bindIP := net.ParseIP(bind); bindIP == nil && bind != "" {
		allow(bind) // a name given to -bind, such as "localhost"
	}
	switch ip := addr.IP; {
	case ip.IsUnspecified():
		loopback()
		a.Exposed = true
		a.Open = "http://127.0.0.1:" + port + "/"
		if bindIP := net.ParseIP(bind); bindIP != nil && bindIP.To4() == nil {
			a.Open = "http://[::1]:" + port + "/" // "::" may listen on IPv6 only
		}
		if hostname != "" {
			allow(hostname)
		}
		var v6 []string
		for _, l := range local {
			if l.IsLoopback() || l.IsUnspecified() {
				continue
			}
			allow(l.String())
			switch {
			case l.IsLinkLocalUnicast(): // needs a zone in the address: not for a phone
			case l.To4() != nil:
				a.Network = append(a.Network, url(l))
			default:
				v6 = append(v6, url(l))
			}
		}
		a.Network = append(a.Network, v6...)
	case ip.IsLoopback():
		loopback()
		allow(ip.String())
		a.Open = url(ip)
	default:
		allow(ip.String())
		a.Exposed = true
		a.Open = url(ip)
	}
	return a
}

// LocalAddresses returns the addresses of the machine's interfaces, and its
// name, for AddressesFor.
func LocalAddresses() ([]net.IP, string) {
	var ips []net.IP
	if addrs, err := net.InterfaceAddrs(); err == nil {
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				ips = append(ips, n.IP)
			}
		}
	}
	name, _ := os.Hostname()
	return ips, name
}

// OnlyHosts answers 403 to a request whose Host header is not one of
// hosts, and passes the others to next. It guards every request of the
// preview, the editor's included.
func OnlyHosts(hosts map[string]bool, open string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hosts[strings.ToLower(r.Host)] {
			w.Header().Set("Cache-Control", "no-store")
			http.Error(w, "accès refusé : cet aperçu ne répond qu'à sa propre adresse, "+open, http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}
