/**
 * Pure pieces of the NAT instance: which Amazon Linux 2023 image fits an instance type, and the boot
 * script that turns that image into a NAT. Kept apart from network.ts so they can be read and tested
 * without Pulumi.
 */

/** Graviton families (t4g, m7g, c6gn...) carry a "g" after the generation digit and run arm64 images. */
export function natInstanceArchitecture(instanceType: string): "arm64" | "x86_64" {
    const family = instanceType.split(".")[0] ?? "";
    return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? "arm64" : "x86_64";
}

/**
 * The public SSM parameter that AWS keeps pointing at the newest Amazon Linux 2023 image. Reading it
 * rather than searching AMIs by name means only AWS's own images can be picked.
 */
export function amazonLinuxAmiParameter(instanceType: string): string {
    return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${natInstanceArchitecture(instanceType)}`;
}

/**
 * Boot script (user data) for a NAT instance on Amazon Linux 2023.
 *
 * Masquerading is limited to the private subnets' ranges so the box cannot be used to forward anything
 * else, and the FORWARD chain that iptables-services ships (REJECT everything) is flushed because the
 * security group already admits only the private subnets. The package install retries because the
 * instance boots while its Elastic IP may still be settling onto the network interface.
 */
export function natInstanceUserData(privateCidrs: readonly string[]): string {
    const masquerade = privateCidrs
        .map((cidr) => `iptables -t nat -A POSTROUTING -o "$uplink" -s ${cidr} -j MASQUERADE`)
        .join("\n");
    return `#!/bin/bash
set -euo pipefail
for attempt in $(seq 1 30); do
  dnf install -y iptables-services && break
  echo "iptables-services install attempt $attempt failed; retrying" >&2
  sleep 10
done
cat > /etc/sysctl.d/90-nat.conf <<'EOF'
net.ipv4.ip_forward = 1
net.ipv4.conf.all.send_redirects = 0
EOF
sysctl --system
systemctl enable --now iptables
uplink=$(ip route show default | awk '{print $5; exit}')
iptables -F FORWARD
iptables -t nat -F POSTROUTING
${masquerade}
service iptables save
`;
}
