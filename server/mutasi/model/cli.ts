/** `npm run --silent mutasi < input.json`: MutasiInput on stdin, MutasiResult JSON on stdout (server/cli/json-pipe.ts). */
import { MutasiInput } from "../../../shared/mutasi.js";
import { runJsonPipe } from "../../cli/json-pipe.js";
import { solveMutasi } from "./solve.js";

runJsonPipe("mutasi", MutasiInput, "MutasiInput", (input) => solveMutasi(input));
