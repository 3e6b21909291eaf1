/**
 * In-process single flight: concurrent callers with the same key share one promise (300 learners
 * clicking Join at once cause one database read and, at most, one BBB create in this process).
 * The database (classroom_meetings_one_live, claimMeetingCheck) does the same across processes.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.flights.get(key);
    if (current) return current;
    const flight = work().finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }

  get size(): number {
    return this.flights.size;
  }
}

/** One SingleFlight per owner (the AppContext): no module-level state shared between apps in one process. */
export function singleFlightFor<T>(owners: WeakMap<object, SingleFlight<T>>, owner: object): SingleFlight<T> {
  let flight = owners.get(owner);
  if (!flight) owners.set(owner, (flight = new SingleFlight<T>()));
  return flight;
}
