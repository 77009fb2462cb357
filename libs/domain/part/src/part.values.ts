/** An approved organisation acting on a part: manufacturer, operator, MRO shop, distributor. */
export interface OrganisationRef {
  id: string;
  name: string;
  /** Regulatory approval, e.g. "EASA.145.1234" or an FAA repair-station certificate number. */
  approval?: string;
}

export type CertificateForm = 'EASA_FORM_1' | 'FAA_8130_3';

/** An authorised release certificate: the document that makes a part airworthy to install. */
export interface ReleaseCertificate {
  form: CertificateForm;
  number: string;
  /** The organisation (and approval) that signed the release. */
  issuer: string;
}

/** A host asset's usage counters, read when a part goes on or off or when usage is reported. */
export interface AssetCounters {
  hours: number;
  cycles: number;
}

/** Life limits of a life-limited part; a part without limits has neither. */
export interface LifeLimits {
  hours?: number;
  cycles?: number;
}

export type LifeMeasure = keyof AssetCounters;

export const LIFE_MEASURES: readonly LifeMeasure[] = ['hours', 'cycles'];
