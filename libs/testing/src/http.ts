/** Reads a JSON response as the type the API documents; the test's assertions do the checking. */
export async function jsonBody<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
