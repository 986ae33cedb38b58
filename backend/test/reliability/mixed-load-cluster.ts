import { startCluster, type Cluster } from "../harness/cluster";
import { referenceRun, type ReferenceRun } from "../harness/reference";
import { MIXED_CATALOG, mixedLoad, type MixedLoad } from "../scenarios/mixed-load";

export interface MixedLoadCluster {
  cluster: Cluster;
  /** The same events delivered once each, in order, to a fresh database: what the cluster must end with. */
  reference: ReferenceRun;
  /** The events, built on the cluster's own fake Stripe. */
  load: MixedLoad;
}

/** `instances` backend processes on one database, `events` events of the mixed load, and their in-order reference run. */
export async function mixedLoadCluster(label: string, events: number, instances: number): Promise<MixedLoadCluster> {
  const cluster = await startCluster(label, { instances, catalog: MIXED_CATALOG });
  const reference = await referenceRun(label, MIXED_CATALOG, (store) => mixedLoad(store, events).events);
  const load = mixedLoad(cluster.fake.store, events);
  // Same calls, same objects: the reference run's events are these very events.
  if (JSON.stringify(load.events) !== JSON.stringify(reference.events)) throw new Error("The reference run was given other events");
  return { cluster, reference, load };
}
