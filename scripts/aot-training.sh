#!/usr/bin/env bash
# Prints the commands of the CLI's AOT training run (nftlink -i in a throwaway network namespace):
# the AOT cache keeps the classes, linked lambdas and method profiles of what this run does, so it
# adds and lists what real rule sets hold (sets, maps, concatenations, objects, NAT, several chains:
# the parallel dumps, and over 512 rules: the parallel rendering), not just two rules.
# Used by ./nftlink and by packaging/lib.sh.
set -euo pipefail
cat <<'NFT'
add table inet t
add counter inet t hits
add set inet t nets { type ipv4_addr; flags interval; elements = { 10.0.0.0/8, 192.168.0.0/16 }; }
add set inet t ports { type inet_service; elements = { 22, 80, 443 }; }
add set inet t pairs { type ipv4_addr . inet_service; elements = { 10.1.0.1 . 22 }; }
add map inet t marks { type inet_service : mark; elements = { 22 : 0x1, 80 : 0x2 }; }
add map inet t jumps { type ifname : verdict; elements = { "eth0" : accept }; }
add chain inet t input { type filter hook input priority 0; policy accept; }
add table ip nat
add chain ip nat post { type nat hook postrouting priority srcnat; policy accept; }
add chain ip nat pre { type nat hook prerouting priority dstnat; policy accept; }
add rule ip nat post oifname "eth0" masquerade
add rule ip nat post ip saddr 10.0.0.0/8 snat to 192.0.2.1
add rule ip nat pre tcp dport 8080 dnat to 10.0.0.1:80
NFT
for c in 0 1 2 3 4 5; do
  echo "add chain inet t c$c"
done
for i in $(seq 0 599); do
  c=$((i % 6)) n=$((i % 250))
  case $((i % 8)) in
    0) echo "add rule inet t c$c ip saddr 10.$c.$n.0/24 tcp dport { 22, $((1000 + i)) } counter accept" ;;
    1) echo "add rule inet t c$c ip6 daddr 2001:db8::$((i + 1)) udp dport 53 accept" ;;
    2) echo "add rule inet t c$c meta l4proto tcp meta mark set tcp dport map @marks" ;;
    3) echo "add rule inet t c$c ct state established,related accept" ;;
    4) echo "add rule inet t c$c ip saddr @nets meta hour \"08:00\"-\"17:00\" drop" ;;
    5) echo "add rule inet t c$c iifname \"eth$((i % 4))\" tcp flags syn / syn,ack limit rate 10/second accept" ;;
    6) echo "add rule inet t c$c iifname vmap @jumps" ;;
    *) echo "add rule inet t c$c ip daddr . tcp dport @pairs log prefix \"r$i \" counter name \"hits\" drop" ;;
  esac
done
echo "list ruleset"
