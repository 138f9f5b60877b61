/**
 * Name parts common in Kupang: Christian given names (Protestant Rote/Sabu/Timor and Catholic Flores
 * usage) and family names from Timor (Dawan/Atoni), Rote, Sabu, Flores, Alor and Sumba. Combinations are
 * generated; any match with a real person is coincidence.
 */

export const MALE_GIVEN = [
  "Yohanis", "Agustinus", "Fransiskus", "Marthen", "Yosef", "Petrus", "Paulus", "Yakobus", "Melkianus", "Daniel",
  "Stefanus", "Aleksander", "Hendrik", "Yunus", "Simon", "Frederik", "Robert", "Semuel", "Obed", "Nikolaus",
  "Benediktus", "Kornelis", "Ferdinand", "Gerardus", "Dominikus", "Mikael", "Arnoldus", "Yeremias", "Ishak",
  "Imanuel", "Marselinus", "Yusuf", "Abraham", "Lukas", "Matheus", "Markus", "Alfons", "Kristofel", "Yakob",
  "Isak", "Thomas", "Anderias", "Godlif", "Jefri", "Ronald", "Welem", "Seprianus", "Adrianus",
] as const;

export const FEMALE_GIVEN = [
  "Maria", "Yuliana", "Dorkas", "Elisabeth", "Yohana", "Agustina", "Margaretha", "Theresia", "Fransiska", "Selfina",
  "Ester", "Rut", "Debora", "Ribka", "Magdalena", "Paulina", "Kristina", "Veronika", "Anastasia", "Yosefina",
  "Mariance", "Ferderika", "Sarlota", "Yublina", "Herlina", "Dina", "Lusia", "Anjelina", "Serlin", "Novita",
  "Yanti", "Orpa", "Naema", "Rahel", "Batseba", "Susana", "Katarina", "Adriana", "Imelda", "Priska",
  "Welmince", "Meri", "Ance", "Martha", "Regina", "Florida", "Oktovina", "Lidia",
] as const;

export const FAMILY = [
  // Rote
  "Ndoen", "Fanggidae", "Manafe", "Messakh", "Pello", "Adoe", "Mooy", "Ndun", "Lerik", "Tallo", "Laiskodat", "Dethan",
  "Nalle", "Manubulu", "Zacharias", "Bolla", "Henukh", "Mesah", "Amalo", "Pandie", "Saek", "Lenggu", "Ndolu",
  // Sabu
  "Bire", "Lay", "Riwu", "Kale", "Heke", "Haba", "Djawa", "Rohi", "Logo", "Lado", "Wadu", "Dima", "Ratu", "Bunga",
  // Timor (Dawan/Atoni) and Kupang
  "Tefa", "Nenobais", "Nubatonis", "Taneo", "Bessie", "Foenay", "Benu", "Toto", "Sanam", "Nomleni", "Tanesib",
  "Kase", "Selan", "Sabat", "Tahun", "Oematan", "Nope", "Lopo", "Boimau", "Atty", "Taopan", "Kollo", "Faot",
  "Liu", "Naitboho", "Tabun", "Kapitan",
  // Flores, Solor, Alor, Sumba
  "da Costa", "Fernandez", "Parera", "Wutun", "Kedang", "Lewar", "Making", "Koten", "Lamanepa", "Goran", "Bataona",
  "Gomes", "Sogen", "Sina", "Mau", "Lake", "Dopo", "Nggala", "Laga", "Kaka", "Malo", "Tanggu",
] as const;
