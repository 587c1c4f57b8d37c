/**
 * Sentences for the synthetic speaker corpus, eight per language, in the eight languages the
 * corpus's voices speak. A session reads two of its language's sentences (see
 * {@link sessionText}), so every session of a speaker has a different text.
 */

/** Languages of the corpus, as espeak-ng voice names. */
export const CORPUS_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'] as const;

/** A corpus language. */
export type CorpusLanguage = (typeof CORPUS_LANGUAGES)[number];

/** Eight sentences per language. */
export const CORPUS_SENTENCES: Readonly<Record<CorpusLanguage, readonly string[]>> = {
  en: [
    'The old lighthouse keeper walked slowly along the rocky shore every morning.',
    'Please remember to water the tomato plants before you leave for the weekend.',
    'Our train was delayed by almost an hour because of the heavy snow.',
    'She painted the kitchen a bright shade of yellow that nobody expected.',
    'Seven hungry children waited patiently for the bread to come out of the oven.',
    'The museum will close early on Thursday for a private concert.',
    'A gentle breeze carried the smell of pine trees across the valley.',
    'He could not find his keys, so he climbed in through the window.',
  ],
  de: [
    'Der alte Fischer flickte jeden Abend seine Netze am kleinen Hafen.',
    'Morgen früh fahren wir mit dem Fahrrad zum Markt in der Stadt.',
    'Die Kinder bauten im Garten eine Hütte aus Ästen und Decken.',
    'Im Winter liegt auf den Bergen oft monatelang dichter Schnee.',
    'Meine Großmutter backt sonntags einen Kuchen mit frischen Äpfeln.',
    'Der Zug nach Hamburg fährt heute leider von einem anderen Gleis ab.',
    'Wir haben im Wald einen Fuchs und zwei junge Rehe gesehen.',
    'Bitte schließen Sie die Fenster, bevor das Gewitter beginnt.',
  ],
  fr: [
    'Le boulanger ouvre sa boutique très tôt tous les matins de la semaine.',
    'Nous avons passé nos vacances dans un petit village au bord de la mer.',
    'Les enfants jouent dans le parc pendant que leurs parents discutent.',
    'Il pleut depuis trois jours et la rivière commence à déborder.',
    'Ma voisine cultive des roses rouges et des tomates dans son jardin.',
    'Le dernier train pour Lyon part à vingt-deux heures quinze.',
    'Elle a lu ce roman en une seule nuit sans pouvoir s’arrêter.',
    'Les montagnes étaient couvertes de neige au début du printemps.',
  ],
  es: [
    'El pescador salió al mar antes del amanecer con su hijo mayor.',
    'Mañana vamos a visitar a mis abuelos que viven en el campo.',
    'La biblioteca del barrio tiene libros antiguos muy interesantes.',
    'Durante el verano las calles de la ciudad están llenas de turistas.',
    'Mi hermana prepara una sopa deliciosa con verduras frescas.',
    'El autobús llegó tarde porque había mucho tráfico en el centro.',
    'Los niños encontraron una tortuga pequeña cerca del río.',
    'Por favor, cierra la puerta cuando salgas de la oficina.',
  ],
  it: [
    'Il vecchio pescatore riparava le reti ogni sera sul molo.',
    'Domani mattina andremo al mercato per comprare frutta e verdura.',
    'I bambini hanno costruito un castello di sabbia sulla spiaggia.',
    'In inverno le montagne sono coperte di neve per molti mesi.',
    'Mia nonna prepara la pasta fresca ogni domenica per tutta la famiglia.',
    'Il treno per Milano partirà con venti minuti di ritardo.',
    'Abbiamo visto una volpe e due cerbiatti nel bosco vicino.',
    'Per favore, chiudete le finestre prima che arrivi il temporale.',
  ],
  nl: [
    'De oude visser repareerde elke avond zijn netten in de haven.',
    'Morgenvroeg fietsen we samen naar de markt in het centrum.',
    'De kinderen bouwden een hut van takken achter in de tuin.',
    'In de winter ligt er op de bergen vaak maandenlang sneeuw.',
    'Mijn oma bakt op zondag een taart met verse appels.',
    'De trein naar Amsterdam vertrekt vandaag van een ander perron.',
    'We zagen in het bos een vos en twee jonge reeën.',
    'Doe alstublieft de ramen dicht voordat het gaat onweren.',
  ],
  pt: [
    'O velho pescador consertava as redes todas as tardes no porto.',
    'Amanhã de manhã vamos ao mercado comprar frutas e legumes.',
    'As crianças construíram um castelo de areia na praia.',
    'No inverno as montanhas ficam cobertas de neve durante meses.',
    'A minha avó faz um bolo de laranja todos os domingos.',
    'O comboio para Lisboa vai partir com meia hora de atraso.',
    'Vimos uma raposa e dois pequenos coelhos na floresta.',
    'Por favor, feche as janelas antes de começar a tempestade.',
  ],
  pl: [
    'Stary rybak co wieczór naprawiał swoje sieci w małym porcie.',
    'Jutro rano pojedziemy rowerami na targ do miasta.',
    'Dzieci zbudowały w ogrodzie szałas z gałęzi i koców.',
    'Zimą w górach przez wiele miesięcy leży gruby śnieg.',
    'Moja babcia w każdą niedzielę piecze ciasto z jabłkami.',
    'Pociąg do Krakowa odjedzie dzisiaj z innego peronu.',
    'W lesie widzieliśmy lisa i dwie młode sarny.',
    'Proszę zamknąć okna, zanim zacznie się burza.',
  ],
};

/** The text of session `session` in `language`: sentences s and s + 3 (mod 8). */
export function sessionText(language: CorpusLanguage, session: number): string {
  const sentences = CORPUS_SENTENCES[language];
  const n = sentences.length;
  return `${sentences[session % n] ?? ''} ${sentences[(session + 3) % n] ?? ''}`;
}
