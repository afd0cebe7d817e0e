/** A `Storage` backed by a Map, standing in for localStorage in Node tests. */
export class MemoryStorage implements Storage {
    private readonly map = new Map<string, string>();

    public get length(): number {
        return this.map.size;
    }

    public clear(): void {
        this.map.clear();
    }

    public getItem(key: string): string | null {
        return this.map.get(key) ?? null;
    }

    public key(index: number): string | null {
        return [...this.map.keys()][index] ?? null;
    }

    public removeItem(key: string): void {
        this.map.delete(key);
    }

    public setItem(key: string, value: string): void {
        this.map.set(key, value);
    }
}
