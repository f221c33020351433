package nftlink.nftables.xt;

import java.util.ArrayList;
import java.util.List;

/**
 * iptables-nft and ip6tables-nft commands that write every extension nftlink translates, and
 * rule sets like those docker, podman's CNI plugins, kube-proxy (iptables mode) and firewalld
 * write. {@code ipset create} commands make the sets the {@code set} match names.
 */
final class IptablesCommands {
    private IptablesCommands() {
    }

    static final List<String> EXTENSIONS = List.of(
            "ipset create allowed hash:ip",
            "ipset create allowed6 hash:ip family inet6",
            // matches
            "iptables-nft -A INPUT -m comment --comment \"hello world\" -j ACCEPT",
            "iptables-nft -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "iptables-nft -A INPUT -m conntrack ! --ctstate NEW,INVALID,UNTRACKED -j DROP",
            "iptables-nft -A INPUT -m conntrack --ctstate SNAT -j ACCEPT",
            "iptables-nft -A INPUT -m conntrack --ctstatus ASSURED,CONFIRMED --ctproto tcp -j ACCEPT",
            "iptables-nft -A INPUT -m conntrack --ctorigsrc 10.0.0.0/8 --ctrepldst 192.168.1.1 --ctdir REPLY -j ACCEPT",
            "iptables-nft -A INPUT -m conntrack --ctorigdstport 80:90 ! --ctreplsrcport 22 --ctexpire 10:20 -j ACCEPT",
            "iptables-nft -A INPUT -m state --state NEW,INVALID -j DROP",
            "iptables-nft -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT",
            "iptables-nft -A INPUT -p udp -m multiport --sports 53,1000:2000 -j ACCEPT",
            "iptables-nft -A INPUT -p tcp -m multiport ! --dports 22 -j ACCEPT",
            "iptables-nft -A INPUT -p tcp -m multiport --dports 1000:2000 -j ACCEPT",
            "iptables-nft -A INPUT -p tcp -m multiport --ports 22,80 -j ACCEPT",
            "iptables-nft -A INPUT -p sctp -m multiport --dports 5000,6000 -j ACCEPT",
            "iptables-nft -A INPUT -p tcp --tcp-option 2 -j ACCEPT",
            "iptables-nft -A INPUT -p tcp -m tcp ! --tcp-option 8 --dport 22 -j ACCEPT",
            "iptables-nft -A INPUT -p udp -m udp --dport 53 -j ACCEPT",
            "iptables-nft -A INPUT -p icmp --icmp-type echo-request -j ACCEPT",
            "iptables-nft -A INPUT -p icmp ! --icmp-type time-exceeded -j ACCEPT",
            "iptables-nft -A INPUT -p icmp --icmp-type 3/4 -j ACCEPT",
            "iptables-nft -A INPUT -p icmp --icmp-type any -j ACCEPT",
            "iptables-nft -A OUTPUT -m owner --uid-owner 1000 -j ACCEPT",
            "iptables-nft -A OUTPUT -m owner ! --uid-owner 0-99 -j ACCEPT",
            "iptables-nft -A OUTPUT -m owner --gid-owner 100 -j ACCEPT",
            "iptables-nft -A OUTPUT -m owner --gid-owner 100 --socket-exists -j ACCEPT",
            "iptables-nft -A INPUT -m mark --mark 0x1/0xff -j ACCEPT",
            "iptables-nft -A INPUT -m mark ! --mark 0x4000/0x4000 -j ACCEPT",
            "iptables-nft -A INPUT -m connmark --mark 0x2 -j ACCEPT",
            "iptables-nft -A INPUT -m connmark ! --mark 0x1/0xf -j ACCEPT",
            "iptables-nft -A INPUT -m addrtype --dst-type LOCAL -j ACCEPT",
            "iptables-nft -A INPUT -m addrtype --src-type BROADCAST,MULTICAST --limit-iface-in -j DROP",
            "iptables-nft -A OUTPUT -m addrtype ! --src-type LOCAL --limit-iface-out -j DROP",
            "iptables-nft -A INPUT -m limit --limit 10/min --limit-burst 20 -j ACCEPT",
            "iptables-nft -A INPUT -m limit --limit 3/hour --limit-burst 7 -j ACCEPT",
            "iptables-nft -A INPUT -m pkttype --pkt-type broadcast -j DROP",
            "iptables-nft -A INPUT -m pkttype ! --pkt-type multicast -j DROP",
            "iptables-nft -A FORWARD -m physdev --physdev-in veth0 --physdev-is-bridged -j ACCEPT",
            "iptables-nft -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT",
            "iptables-nft -A INPUT -m iprange ! --dst-range 192.168.0.1-192.168.0.200 -j ACCEPT",
            "iptables-nft -A INPUT -m set --match-set allowed src -j ACCEPT",
            "iptables-nft -A INPUT -m set ! --match-set allowed dst,dst -j DROP",
            // targets
            "iptables-nft -A INPUT -j REJECT",
            "iptables-nft -A INPUT -j REJECT --reject-with icmp-host-prohibited",
            "iptables-nft -A INPUT -j REJECT --reject-with icmp-net-unreachable",
            "iptables-nft -A INPUT -j REJECT --reject-with icmp-proto-unreachable",
            "iptables-nft -A INPUT -j REJECT --reject-with icmp-admin-prohibited",
            "iptables-nft -A INPUT -p tcp -j REJECT --reject-with tcp-reset",
            "iptables-nft -A INPUT -j LOG --log-prefix \"dropped: \" --log-level 4",
            "iptables-nft -A INPUT -j LOG --log-level debug --log-tcp-sequence --log-tcp-options --log-uid",
            "iptables-nft -A INPUT -j LOG --log-level 1 --log-ip-options --log-macdecode",
            "iptables-nft -A INPUT -j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid --log-macdecode",
            "iptables-nft -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE",
            "iptables-nft -t nat -A POSTROUTING -p tcp -j MASQUERADE --to-ports 1024-2000 --random",
            "iptables-nft -t nat -A POSTROUTING -j MASQUERADE --random-fully",
            "iptables-nft -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
            "iptables-nft -t nat -A PREROUTING -j DNAT --to-destination 10.0.0.1-10.0.0.5 --persistent",
            "iptables-nft -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4-1.2.3.9",
            "iptables-nft -t nat -A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4:1000-2000 --random",
            "iptables-nft -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 3128",
            "iptables-nft -t nat -A PREROUTING -j REDIRECT",
            "iptables-nft -t mangle -A PREROUTING -j MARK --set-xmark 0x4000/0x4000",
            "iptables-nft -t mangle -A PREROUTING -j MARK --set-mark 5",
            "iptables-nft -t mangle -A PREROUTING -j MARK --and-mark 0xff",
            "iptables-nft -t mangle -A PREROUTING -j MARK --xor-mark 0x4000",
            "iptables-nft -t mangle -A PREROUTING -j MARK --set-xmark 0x1/0xff",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --save-mark",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --restore-mark",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --save-mark --mask 0xff",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --set-mark 7",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --set-xmark 0x1/0xff",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --set-mark 0x10/0x10",
            "iptables-nft -t mangle -A PREROUTING -j CONNMARK --save-mark --right-shift-mark 4",
            "iptables-nft -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu",
            "iptables-nft -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400",
            "iptables-nft -t raw -A PREROUTING -p udp --dport 5060 -j CT --helper sip",
            "iptables-nft -t raw -A PREROUTING -j CT --notrack",
            "iptables-nft -t raw -A PREROUTING -j NOTRACK",
            // IPv6
            "ip6tables-nft -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "ip6tables-nft -A INPUT -m conntrack --ctorigsrc 2001:db8::/32 -j ACCEPT",
            "ip6tables-nft -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT",
            "ip6tables-nft -A INPUT -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT",
            "ip6tables-nft -A INPUT -p ipv6-icmp --icmpv6-type neighbour-solicitation -j ACCEPT",
            "ip6tables-nft -A INPUT -p ipv6-icmp ! --icmpv6-type packet-too-big -j ACCEPT",
            "ip6tables-nft -A INPUT -p ipv6-icmp --icmpv6-type 1/3 -j ACCEPT",
            "ip6tables-nft -A OUTPUT -m owner --uid-owner 1000 -j ACCEPT",
            "ip6tables-nft -A INPUT -m iprange --src-range 2001:db8::1-2001:db8::9 -j ACCEPT",
            "ip6tables-nft -A INPUT -m set --match-set allowed6 src -j ACCEPT",
            "ip6tables-nft -A INPUT -m comment --comment six -j ACCEPT",
            "ip6tables-nft -A INPUT -j REJECT",
            "ip6tables-nft -A INPUT -j REJECT --reject-with icmp6-adm-prohibited",
            "ip6tables-nft -A INPUT -j REJECT --reject-with icmp6-no-route",
            "ip6tables-nft -A INPUT -j REJECT --reject-with icmp6-addr-unreachable",
            "ip6tables-nft -A INPUT -p tcp -j REJECT --reject-with tcp-reset",
            "ip6tables-nft -A INPUT -j LOG --log-prefix v6 --log-level error",
            "ip6tables-nft -t nat -A POSTROUTING -s fd00::/64 -j MASQUERADE",
            "ip6tables-nft -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination [2001:db8::2]:8080",
            "ip6tables-nft -t nat -A POSTROUTING -j SNAT --to-source 2001:db8::1-2001:db8::5",
            "ip6tables-nft -t nat -A PREROUTING -p tcp -j REDIRECT --to-ports 8080",
            "ip6tables-nft -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu",
            "ip6tables-nft -t mangle -A PREROUTING -j MARK --set-mark 0x3",
            "ip6tables-nft -t raw -A PREROUTING -j CT --notrack");

    /** Rules as docker, podman's CNI plugins, kube-proxy and firewalld write them (in their own tables' chains). */
    static final List<String> PROJECTS = List.of(
            // docker
            "iptables-nft -t nat -N DOCKER",
            "iptables-nft -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
            "iptables-nft -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
            "iptables-nft -t nat -A DOCKER -i docker0 -j RETURN",
            "iptables-nft -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80",
            "iptables-nft -N DOCKER-USER",
            "iptables-nft -A FORWARD -j DOCKER-USER",
            "iptables-nft -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            "iptables-nft -A DOCKER-USER -j RETURN",
            // podman (CNI)
            "iptables-nft -t nat -N CNI-4a1f2b3c",
            "iptables-nft -t nat -A POSTROUTING -s 10.88.0.2 -m comment --comment \"name: \\\"podman\\\" id: \\\"4a1f\\\"\" -j CNI-4a1f2b3c",
            "iptables-nft -t nat -A CNI-4a1f2b3c -d 10.88.0.0/16 -m comment --comment \"name: \\\"podman\\\" id: \\\"4a1f\\\"\" -j ACCEPT",
            "iptables-nft -t nat -A CNI-4a1f2b3c ! -d 224.0.0.0/4 -m comment --comment \"name: \\\"podman\\\" id: \\\"4a1f\\\"\" -j MASQUERADE",
            "iptables-nft -t nat -N CNI-HOSTPORT-DNAT",
            "iptables-nft -t nat -A CNI-HOSTPORT-DNAT -p tcp -m comment --comment \"dnat name: \\\"podman\\\"\" -m multiport --destination-ports 8080 -j DNAT --to-destination 10.88.0.2:80",
            // kube-proxy (iptables mode)
            "iptables-nft -t nat -N KUBE-SERVICES",
            "iptables-nft -t nat -N KUBE-NODEPORTS",
            "iptables-nft -t nat -N KUBE-POSTROUTING",
            "iptables-nft -t nat -N KUBE-MARK-MASQ",
            "iptables-nft -t nat -N KUBE-SEP-ABC",
            "iptables-nft -t nat -A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS",
            "iptables-nft -t nat -A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN",
            "iptables-nft -t nat -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000",
            "iptables-nft -t nat -A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully",
            "iptables-nft -t nat -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000",
            "iptables-nft -t nat -A KUBE-SEP-ABC -s 10.0.0.1/32 -m comment --comment \"default/kubernetes:https\" -j KUBE-MARK-MASQ",
            "iptables-nft -t nat -A KUBE-SEP-ABC -p tcp -m comment --comment \"default/kubernetes:https\" -m tcp -j DNAT --to-destination 10.0.0.1:6443",
            "iptables-nft -N KUBE-FORWARD",
            "iptables-nft -A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP",
            "iptables-nft -A KUBE-FORWARD -m comment --comment \"kubernetes forwarding rules\" -m mark --mark 0x4000/0x4000 -j ACCEPT",
            "iptables-nft -A KUBE-FORWARD -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            // firewalld (iptables backend)
            "iptables-nft -N IN_public_allow",
            "iptables-nft -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED,DNAT -j ACCEPT",
            "iptables-nft -A INPUT -i lo -j ACCEPT",
            "iptables-nft -A INPUT -m conntrack --ctstate INVALID -j DROP",
            "iptables-nft -A IN_public_allow -p tcp -m tcp --dport 22 -m conntrack --ctstate NEW,UNTRACKED -j ACCEPT",
            "iptables-nft -A INPUT -j REJECT --reject-with icmp-host-prohibited",
            "ip6tables-nft -N IN_public_allow",
            "ip6tables-nft -A INPUT -p ipv6-icmp -j ACCEPT",
            "ip6tables-nft -A IN_public_allow -d fe80::/64 -p udp -m udp --dport 546 -m conntrack --ctstate NEW,UNTRACKED -j ACCEPT",
            "ip6tables-nft -A INPUT -j REJECT --reject-with icmp6-adm-prohibited");

    /** Splits a command at spaces outside double quotes; {@code \"} inside quotes is a quote. */
    static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quoted && c == '\\' && i + 1 < command.length() && command.charAt(i + 1) == '"') {
                word.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || !word.isEmpty()) {
                    words.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
            }
        }
        if (any || !word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
