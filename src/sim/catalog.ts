/**
 * The simulator's fixed world: sites, plans and operating systems, with the names,
 * facilities and specs seen in recorded Latitude traffic.
 */

export interface Site {
  id: string;
  slug: string;
  name: string;
  facility: string;
  country: string;
  countrySlug: string;
}

export const SITES: readonly Site[] = [
  { id: 'loc_ASH0yVjDkP3lq', slug: 'ASH', name: 'Ashburn', facility: 'DEFT IAD', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_CHI8kLm2Wq9Zr', slug: 'CHI', name: 'Chicago', facility: 'Deft CH1', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_NYC3nPq7Xz1Bv', slug: 'NYC', name: 'New York', facility: 'NYI NY2', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_MIA5tRw2Kd8Hy', slug: 'MIA', name: 'Miami', facility: 'Equinix MI1', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_MIA2Jf4Vg6Ns0', slug: 'MIA2', name: 'Miami 2', facility: 'Colohouse - Miami', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_DAL7Hq1Mc5Lp2', slug: 'DAL', name: 'Dallas', facility: 'Cyxtera DFW1', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_LAX9Bz3Rt7Yk4', slug: 'LAX', name: 'Los Angeles', facility: 'Cyxtera LAX3', country: 'United States', countrySlug: 'united-states' },
  { id: 'loc_FRA2Wc8Dn4Qs6', slug: 'FRA', name: 'Frankfurt', facility: 'Leaseweb Germany GmbH', country: 'Germany', countrySlug: 'germany' },
  { id: 'loc_LON6Gx2Pv9Te1', slug: 'LON', name: 'London', facility: 'LDEX1', country: 'United Kingdom', countrySlug: 'united-kingdom' },
  { id: 'loc_LON2Mk5Sj3Uh7', slug: 'LON2', name: 'London 2', facility: 'Telehouse Docklands South', country: 'United Kingdom', countrySlug: 'united-kingdom' },
  { id: 'loc_87vRENkgNdPyk', slug: 'SAO', name: 'São Paulo', facility: 'Latitude.sh SP1', country: 'Brazil', countrySlug: 'brazil' },
  { id: 'loc_ZnPRbajK0koM1', slug: 'SAO2', name: 'São Paulo 2', facility: 'Scala SP2', country: 'Brazil', countrySlug: 'brazil' },
  { id: 'loc_SAN4Lr8Fw2Cy9', slug: 'SAN', name: 'Santiago', facility: 'GTD', country: 'Chile', countrySlug: 'chile' },
  { id: 'loc_SAN3Qe6Hb1Vm5', slug: 'SAN3', name: 'Santiago 3', facility: 'Ascenty  Chile 2', country: 'Chile', countrySlug: 'chile' },
  { id: 'loc_BUE1Tn7Kx4Ra8', slug: 'BUE', name: 'Buenos Aires', facility: 'SYT', country: 'Argentina', countrySlug: 'argentina' },
  { id: 'loc_BGT5Yd3Js8Pw2', slug: 'BGT', name: 'Bogota', facility: 'Odata', country: 'Colombia', countrySlug: 'colombia' },
  { id: 'loc_MEX2Cv9Nf6Gz3', slug: 'MEX2', name: 'Mexico City 2', facility: 'Ascenty MEX1', country: 'Mexico', countrySlug: 'mexico' },
  { id: 'loc_TYO8Rp2Wm5Kq7', slug: 'TYO', name: 'Tokyo', facility: 'Equinix TY8', country: 'Japan', countrySlug: 'japan' },
  { id: 'loc_TYO2Xs4Bh9Ld1', slug: 'TYO2', name: 'Tokyo 2', facility: 'Equinix TY6', country: 'Japan', countrySlug: 'japan' },
  { id: 'loc_TYO3Fg7Zk2Vn6', slug: 'TYO3', name: 'Tokyo 3', facility: 'Equinix TY10', country: 'Japan', countrySlug: 'japan' },
  { id: 'loc_SYD6Mw1Qc8Hj4', slug: 'SYD', name: 'Sydney', facility: 'Global Switch SYD', country: 'Australia', countrySlug: 'australia' },
  { id: 'loc_SYD2Kt5Dp3Xr9', slug: 'SYD2', name: 'Sydney 2', facility: 'Equinix SY5', country: 'Australia', countrySlug: 'australia' },
  { id: 'loc_SGP9Vb4Ny7Ts2', slug: 'SGP', name: 'Singapore', facility: 'Equinix SG2', country: 'Singapore', countrySlug: 'singapore' },
];

export interface PlanSpec {
  id: string;
  slug: string;
  cpu: { type: string; clock: number; cores: number; count: number };
  memoryGb: number;
  drives: { count: number; size: string; type: string }[];
  nic: string;
  /** What a server of this plan reports in `specs` (delivered hardware, free-form). */
  delivered: { cpu: string; disk: string; ram: string; nic: string };
  /** Block devices a booted OS sees. */
  disks: string[];
  /** USD an hour in the United States; other countries scale it by `PRICE_FACTOR`. */
  usdHour: number;
  gpu?: { count: number; type: string };
}

export const PLANS: readonly PlanSpec[] = [
  {
    id: 'plan_2X6KG5mA5yPBM', slug: 'c2-small-x86', cpu: { type: 'E-2134G', clock: 3.5, cores: 4, count: 1 }, memoryGb: 32,
    drives: [{ count: 1, size: '500 GB', type: 'SSD' }], nic: '1 Gbps',
    delivered: { cpu: 'Xeon E-2278G CPU @ 3.40GHz (8 cores)', disk: '2 X 4 TB NVMe', ram: '64 GB', nic: '10 Gbit/s + 1 Gbit/s' },
    disks: ['/dev/nvme0n1', '/dev/nvme1n1'], usdHour: 0.21,
  },
  {
    id: 'plan_Vb9Ld3Ks7Qw2P', slug: 'c2-medium-x86', cpu: { type: 'E-2276G', clock: 3.8, cores: 6, count: 1 }, memoryGb: 32,
    drives: [{ count: 2, size: '480 GB', type: 'SSD' }], nic: '10 Gbps',
    delivered: { cpu: 'Xeon E-2276G CPU @ 3.80GHz (6 cores)', disk: '2 X 480 GB SSD', ram: '32 GB', nic: '10 Gbit/s' },
    disks: ['/dev/nvme0n1', '/dev/nvme1n1'], usdHour: 0.39,
  },
  {
    id: 'plan_Rt4Mn8Xc2Bv6Z', slug: 'c3-small-x86', cpu: { type: 'E-2388G', clock: 3.2, cores: 8, count: 1 }, memoryGb: 64,
    drives: [{ count: 2, size: '1.9 TB', type: 'NVME' }], nic: '2 x 10 Gbps',
    delivered: { cpu: 'Xeon E-2388G CPU @ 3.20GHz (8 cores)', disk: '2 X 1.9 TB NVMe', ram: '64 GB', nic: '2 X 10 Gbit/s' },
    disks: ['/dev/nvme0n1', '/dev/nvme1n1'], usdHour: 0.32,
  },
  {
    id: 'plan_Hy6Jk1Pq9Ws3D', slug: 'c3-medium-x86', cpu: { type: 'EPYC 7443P', clock: 2.85, cores: 24, count: 1 }, memoryGb: 256,
    drives: [{ count: 2, size: '1.9 TB', type: 'NVME' }], nic: '2 x 10 Gbps',
    delivered: { cpu: 'AMD EPYC 7443P 24-Core Processor', disk: '2 X 1.9 TB NVMe', ram: '256 GB', nic: '2 X 10 Gbit/s' },
    disks: ['/dev/nvme0n1', '/dev/nvme1n1'], usdHour: 0.92,
  },
  {
    id: 'plan_Nc5Gt2Lx8Rz4F', slug: 'm4-metal-medium', cpu: { type: 'EPYC 9254', clock: 2.9, cores: 24, count: 1 }, memoryGb: 384,
    drives: [{ count: 2, size: '3.8 TB', type: 'NVME' }], nic: '2 x 25 Gbps',
    delivered: { cpu: 'AMD EPYC 9254 24-Core Processor', disk: '2 X 3.8 TB NVMe', ram: '384 GB', nic: '2 X 25 Gbit/s' },
    disks: ['/dev/nvme0n1', '/dev/nvme1n1'], usdHour: 0.62,
  },
  {
    id: 'plan_G3h100SmaLL01', slug: 'g3-h100-small', cpu: { type: 'Xeon Gold 6442Y', clock: 2.6, cores: 24, count: 1 }, memoryGb: 256,
    drives: [{ count: 2, size: '3.8 TB', type: 'NVME' }], nic: '2 x 25 Gbps',
    delivered: { cpu: 'Xeon Gold 6442Y (24 cores)', disk: '2 X 3.8 TB NVMe', ram: '256 GB', nic: '2 X 25 Gbit/s' },
    disks: ['/dev/nvme0n1', '/dev/nvme1n1'], usdHour: 3, gpu: { count: 1, type: 'NVIDIA H100 80GB' },
  },
];

/**
 * Price of a plan in a country relative to the United States, from the recorded c2.small.x86
 * and m4.metal.medium price lists (Plan_Basic.yaml, TestAccPlanBasic.yaml): prices are per
 * country-region, so the site a cluster lands on changes what it costs.
 */
export const PRICE_FACTOR: Readonly<Record<string, number>> = {
  'United States': 1, Germany: 1, 'United Kingdom': 1, Brazil: 1.05, Chile: 1.05, Japan: 1.05,
  Singapore: 1.29, Argentina: 1.38, Australia: 1.38, Colombia: 1.43, Mexico: 1.43,
};

export interface OperatingSystem {
  id: string;
  slug: string;
  name: string;
  version: string;
  /** The default login user, as `GET /plans/operating_systems` lists it. */
  user: string;
  features: { raid: boolean; rescue: boolean; ssh_keys: boolean; user_data: boolean; accelerate?: boolean };
  distro: { name: string; slug: string; series: string };
}

export const OPERATING_SYSTEMS: readonly OperatingSystem[] = [
  {
    id: 'os_Z1Gjbano0L2wl', slug: 'ipxe', name: 'Custom image (iPXE)', version: '(iPXE)', user: 'ubuntu',
    features: { raid: false, rescue: false, ssh_keys: false, user_data: false },
    distro: { name: 'iPXE', slug: 'ipxe', series: 'ipxe' },
  },
  {
    id: 'os_qewOM5GbNp8ER', slug: 'ubuntu_24_04_x64_lts', name: 'Ubuntu', version: '24.04', user: 'ubuntu',
    features: { raid: true, rescue: true, ssh_keys: true, user_data: true },
    distro: { name: 'ubuntu', slug: 'ubuntu', series: 'noble' },
  },
  {
    id: 'os_bXDO7NYP0Pgw8', slug: 'ubuntu_22_04_x64_lts', name: 'Ubuntu', version: '22.04', user: 'ubuntu',
    features: { raid: true, rescue: true, ssh_keys: true, user_data: true },
    distro: { name: 'ubuntu', slug: 'ubuntu', series: 'jammy' },
  },
  {
    id: 'os_28mop5gvNjxvn', slug: 'ubuntu22_ml_in_a_box', name: 'Ubuntu 22 ML-in-a-Box', version: '22 ML-in-a-Box', user: 'ubuntu',
    features: { raid: true, rescue: true, ssh_keys: true, user_data: false, accelerate: true },
    distro: { name: 'ubuntu', slug: 'ubuntu', series: 'jammy' },
  },
];

/** Plan names use dots where slugs use dashes (`c2.small.x86`). */
export const planName = (slug: string): string => slug.replace(/-/g, '.');

/** BRL prices track USD at a fixed rate, as in the recorded price lists. */
export const BRL_PER_USD = 4.96;
