package serve

import (
	"net"
	"sort"
)

// NetworkURLs are the page's addresses as another computer of the network
// reaches it: the address served when it is one, else (every interface)
// the addresses of this computer's network interfaces that are up, IPv4
// first. It is empty when the server listens on the loopback alone.
func (s *Server) NetworkURLs() []string {
	if !s.remote {
		return nil
	}
	bound := s.ln.Addr().(*net.TCPAddr)
	if !s.anyIP {
		return []string{s.url}
	}
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			ipn, ok := a.(*net.IPNet)
			if ok && usableFromTheNetwork(ipn.IP, bound.IP) {
				ips = append(ips, ipn.IP)
			}
		}
	}
	sort.SliceStable(ips, func(i, j int) bool { return ips[i].To4() != nil && ips[j].To4() == nil })
	urls := make([]string, 0, len(ips))
	for _, ip := range ips {
		urls = append(urls, "http://"+net.JoinHostPort(ip.String(), s.port)+"/")
	}
	return urls
}

// usableFromTheNetwork reports whether another computer can reach ip, an
// address of this one, when the server listens on bound (0.0.0.0 takes
// IPv4 only; :: takes both).
func usableFromTheNetwork(ip, bound net.IP) bool {
	if ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	if bound.To4() != nil && ip.To4() == nil {
		return false
	}
	return true
}
